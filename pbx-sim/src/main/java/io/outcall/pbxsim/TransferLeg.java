package io.outcall.pbxsim;

/**
 * The DynamicIVR's {@code Dial(Local/${TRANSFER_NUMBER}@outbound,20,g)}: the second Local pair ({@code T;1}/{@code T;2}),
 * always the d9 transfer target (rings 1 s, talks 2 s), and the basic bridge that joins {@code T;1} to the caller's
 * {@code ;1} half. Trace 01 for the happy path, trace 05 for a caller that hangs up during the transfer.
 */
final class TransferLeg {

    private static final String OUTBOUND = "outbound";
    private static final String OUTCOME = "outcome";

    private final Call call;
    private final CallOutput out;
    private final String transferNumber;
    private Channel t1;
    private Channel t2;
    private String bridgeId;
    private boolean bridged;
    /** Runs once the transfer target hung up and the caller left the bridge: the IVR resumes. */
    private Runnable afterTargetHangup = () -> { };

    TransferLeg(Call call, String transferNumber) {
        this.call = call;
        this.out = call.out;
        this.transferNumber = transferNumber;
    }

    Channel one() {
        return t1;
    }

    Channel two() {
        return t2;
    }

    boolean owns(Channel c) {
        return c != null && (c == t1 || c == t2);
    }

    boolean dialed() {
        return t1 != null;
    }

    /** Dial(Local/TRANSFER_NUMBER@outbound): creates the pair and rings it. */
    void dial(Runnable resumeIvr) {
        this.afterTargetHangup = resumeIvr;
        Channel o1 = call.o1;
        CallEnvironment env = call.env;
        String base = "Local/" + transferNumber + "@" + OUTBOUND + "-" + env.ids().nextLocalSuffix();
        long now = System.nanoTime();
        t1 = new Channel(call, base + ";1", env.ids().nextUniqueid(), o1.linkedid, ChannelState.DOWN, OUTBOUND,
                transferNumber, now);
        t2 = new Channel(call, base + ";2", env.ids().nextUniqueid(), o1.linkedid, ChannelState.RING, OUTBOUND,
                transferNumber, now);
        env.registry().claim(t1);
        env.registry().claim(t2);
        String peerNumber = transferNumber + "@" + OUTBOUND;
        AmiEvents ev = out.events();
        out.emit(ev.newchannel(t1), t1);
        out.emit(ev.newchannel(t2), t2);
        out.varSet(t1, "DIALEDPEERNUMBER", peerNumber);
        // the dialed ;1 takes the caller's exten as its number and the caller as connected line (trace 01)
        t1.callerId = new CallerId(o1.exten, o1.callerId.name());
        t1.connected = o1.callerId;
        out.exten(t1, OUTBOUND, o1.exten, 1, "AppDial", "(Outgoing Line)");
        out.emit(ev.newCallerid(t1), t1);
        out.emit(ev.newConnectedLine(t1), t1);
        out.varSet(t2, "DIALEDPEERNUMBER", peerNumber);
        t2.callerId = o1.callerId;
        t2.connected = t1.callerId;
        out.emit(ev.newCallerid(t2), t2);
        out.emit(ev.newConnectedLine(t2), t2);
        out.emit(ev.localBridge(t1, t2, OUTBOUND, transferNumber));
        out.emit(ev.dialBegin(o1, t1, peerNumber), t1);
        String last = transferNumber.substring(transferNumber.length() - 1);
        out.exten(t2, OUTBOUND, transferNumber, 1, "NoOp", "Outbound leg to " + transferNumber + " CALL_ID=");
        out.exten(t2, OUTBOUND, transferNumber, 2, "Set", "LASTDIGIT=" + last);
        out.varSet(t2, "LASTDIGIT", last);
        out.exten(t2, OUTBOUND, transferNumber, 3, "GotoIf", "1?outcome,d9,1");
        targetStep(1);
        out.setState(t1, ChannelState.RINGING);
        targetStep(2);
        out.devices(OUTBOUND, transferNumber, "INUSE", 1);
        out.varSet(o1, "RINGTIME", "0");
        out.varSet(o1, "RINGTIME_MS", "0");
        out.emit(ev.dialState(o1, t1, "RINGING"), t1);
        call.timeline.after(FarEndOutcome.TRANSFER_TARGET.ringMillis, this::answer);
    }

    private void answer() {
        if (!t2.alive) {
            return;
        }
        Channel o1 = call.o1;
        AmiEvents ev = out.events();
        targetStep(3);
        out.setState(t2, ChannelState.UP);
        out.setState(t1, ChannelState.UP);
        out.devices(OUTBOUND, transferNumber, "INUSE", 1);
        out.varSet(o1, "DIALSTATUS", "ANSWER");
        out.varSet(o1, "DIALEDPEERNAME", t1.name);
        out.varSet(o1, "DIALEDPEERNUMBER", transferNumber + "@" + OUTBOUND);
        t1.exten = "";
        out.emit(ev.dialEnd(o1, t1, "ANSWER"), t1);
        bridgeId = call.env.ids().nextBridgeId();
        out.emit(ev.bridgeCreate(bridgeId));
        out.exten(t1, OUTBOUND, "", 1, "AppDial", "(Outgoing Line)");
        out.devices(OUTBOUND, transferNumber, "INUSE", 1);
        t1.bridgeId = bridgeId;
        out.emit(ev.bridgeEnter(bridgeId, 1, t1), t1);
        o1.bridgeId = bridgeId;
        out.emit(ev.bridgeEnter(bridgeId, 2, o1), o1);
        bridged = true;
        out.varSet(t1, "BRIDGEPEER", o1.name);
        out.varSet(o1, "BRIDGEPEER", t1.name);
        call.timeline.after(FarEndScript.ANSWER_DELAY, () -> {
            if (!t2.alive) {
                return;
            }
            targetStep(4);
            call.timeline.after(FarEndOutcome.TRANSFER_TARGET.talkMillis, () -> {
                if (t2.alive) {
                    targetStep(5);
                    targetHangup(t2, HangupCause.NORMAL_CLEARING);
                }
            });
        });
    }

    /** The transfer target (or an AMI Hangup of T;1/T;2) ends the transfer (trace 01): the IVR resumes. */
    void targetHangup(Channel first, int cause) {
        Channel o1 = call.o1;
        Channel second = first == t2 ? t1 : t2;
        out.softHangupRequest(first);
        out.hangupRequest(second, cause);
        out.hangup(first, cause);
        out.varSet(t1, "BRIDGEPEER", "");
        out.varSet(o1, "BRIDGEPEER", "");
        out.emit(out.events().bridgeLeave(bridgeId, 1, t1), t1);
        t1.bridgeId = "";
        if (second.alive) {
            out.hangup(second, cause);
        }
        out.emit(out.events().bridgeLeave(bridgeId, 0, o1), o1);
        o1.bridgeId = "";
        bridged = false;
        dialTimings();
        out.varSet(o1, "DIALSTATUS", "ANSWER");
        afterTargetHangup.run();
    }

    /** The caller's ;1 goes away while bridged: it leaves first, Dial() sets its variables. */
    void callerLeavesBridge() {
        if (!bridged) {
            return;
        }
        Channel o1 = call.o1;
        out.varSet(o1, "BRIDGEPEER", "");
        out.varSet(t1, "BRIDGEPEER", "");
        out.emit(out.events().bridgeLeave(bridgeId, 1, o1), o1);
        o1.bridgeId = "";
        dialTimings();
        out.varSet(o1, "DIALSTATUS", "ANSWER");
    }

    /** Whatever is left of the transfer pair goes down after ;1 (trace 05). */
    void tearDown(int cause) {
        if (t1 == null || !t1.alive && !t2.alive) {
            return;
        }
        if (bridged) {
            out.emit(out.events().bridgeLeave(bridgeId, 0, t1), t1);
            t1.bridgeId = "";
            bridged = false;
        }
        destroyBridge();
        if (t1.alive) {
            out.hangupRequest(t2, cause);
            out.hangup(t1, cause);
        }
        if (t2.alive) {
            out.softHangupRequest(t2);
            out.hangup(t2, cause);
        }
        releaseDevice();
    }

    /** {@code core restart now} while transferring. */
    void shutdown() {
        if (t1 != null && t1.alive) {
            out.hangupPair(t1, t2, HangupCause.UNKNOWN);
            releaseDevice();
        }
    }

    void destroyBridge() {
        if (bridgeId != null) {
            out.emit(out.events().bridgeDestroy(bridgeId));
            bridgeId = null;
        }
    }

    /** The transfer number's device goes back to NOT_INUSE once both its halves are gone. */
    void releaseDevice() {
        out.devices(OUTBOUND, transferNumber, "NOT_INUSE", 2);
    }

    private void dialTimings() {
        Channel o1 = call.o1;
        long now = call.timeline.nowMillis();
        long answeredFor = Math.max(0, now - call.answeredAtMillis);
        out.varSet(o1, "ANSWEREDTIME", Long.toString(answeredFor / 1000));
        out.varSet(o1, "ANSWEREDTIME_MS", Long.toString(answeredFor));
        out.varSet(o1, "DIALEDTIME", Long.toString(now / 1000));
        out.varSet(o1, "DIALEDTIME_MS", Long.toString(now));
    }

    private void targetStep(int priority) {
        String[] app = FarEndOutcome.appAndData(FarEndOutcome.TRANSFER_TARGET.steps[priority - 1]);
        out.exten(t2, OUTCOME, "d9", priority, app[0], app[1]);
    }
}
