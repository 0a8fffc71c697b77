package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One originated Local channel call and everything it spawns: the {@code ;1}/{@code ;2} pair, and for the
 * DynamicIVR the transfer pair. It plays the dialplan of ami-traces/asterisk-config/extensions.conf and emits the
 * events the traces show, in their order (01, 02, 03, 04, 05, 06, 11, 15, 16 were transcribed step by step).
 *
 * <p>All state is guarded by {@link #lock}; timers, AMI Hangup and restart all take it, so one call's events are
 * always produced in a causal order, while different calls interleave freely as on a real Asterisk.
 */
final class Call {

    private static final String OUTBOUND = "outbound";
    private static final String OUTCOME = "outcome";
    private static final String IVR = "DynamicIVR";
    private static final int SOFT_APPUNLOAD = 16;
    private static final int SOFT_SHUTDOWN = 4;
    /** Answer() on a channel that is not up yet waits 500 ms before the next priority (seen in every trace). */
    private static final long ANSWER_DELAY = 500;

    final long sequence;
    private final OriginateRequest req;
    private final CallEnvironment env;
    private final AmiEvents ev;
    private final ReentrantLock lock = new ReentrantLock();
    private final CallTimeline timeline;
    private final Burst burst = new Burst();
    private final Reorderer reorderer;            // null: canonical order
    private final Consumer<Boolean> syncResult;   // non-null for Async: false, which gets no OriginateResponse
    private final FarEndOutcome outcome;
    private final String outcomeExten;
    private final String callId;
    private final String transferNumber;
    /** AMI clients hear only this call's OriginateResponse (SimulatorConfig#unobservedNumbers). */
    private final boolean unobserved;

    private Channel o1;
    private Channel o2;
    private Channel t1;
    private Channel t2;
    private String bridgeId;
    private boolean answered;
    private long answeredAtMillis;
    private boolean transferBridged;
    private boolean originateReported;
    private boolean ended;

    Call(long sequence, OriginateRequest req, CallEnvironment env, Consumer<Boolean> syncResult) {
        this.sequence = sequence;
        this.req = req;
        this.env = env;
        this.ev = env.events();
        this.syncResult = syncResult;
        this.timeline = new CallTimeline(env.scheduler(), env.config(), lock, this::flush);
        ReorderMode mode = env.config().reorder();
        this.reorderer = mode.enabled() ? new Reorderer(new Random(mode.seed() * 1_000_003L + sequence)) : null;
        char digit = req.number().isEmpty() ? '7' : req.number().charAt(req.number().length() - 1);
        this.outcome = FarEndOutcome.forDigit(digit);
        this.outcomeExten = "d" + (Character.isDigit(digit) && digit != '0' ? digit : '7');
        this.callId = req.variable("CALL_ID");
        this.transferNumber = req.variable("TRANSFER_NUMBER");
        this.unobserved = env.config().unobservedNumbers().contains(req.number());
    }

    // ---------------------------------------------------------------- lifecycle entry points

    /** Creates the channels and plays the first instant; later steps run on the scheduler. */
    void start() {
        lock.lock();
        try {
            if (!createOriginatedPair()) {
                return;
            }
            if (!env.config().localContexts().contains(req.localContext())) {
                failNoSuchContext();
                return;
            }
            setupOriginatedPair();
            runOutboundDialplan();
            playFarEnd();
        } finally {
            flush();
            lock.unlock();
        }
    }

    /** AMI {@code Action: Hangup}: hangs up the named channel and, with it, the whole call (trace 15). */
    void hangupFromManager(Channel target, int cause) {
        lock.lock();
        try {
            if (ended || !target.alive) {
                return;
            }
            if (target == t1 || target == t2) {
                transferFarEndHangup(target, cause);
                return;
            }
            Channel other = target == o1 ? o2 : o1;
            emit(ev.softHangupRequest(target, SOFT_APPUNLOAD), target);
            if (target == o1 && answered) {
                leaveTransferBridge();
                runHangupExten(cause);
            }
            emit(ev.hangupRequest(other, cause), other);
            hangup(target, cause);
            emit(ev.softHangupRequest(other, SOFT_APPUNLOAD), other);
            hangup(other, cause);
            if (!answered) {
                reportOriginate(false, 1); // AST_CONTROL_HANGUP: the dialed channel went away before answer
            }
            devices(req.localContext(), req.number(), "NOT_INUSE", 2);
            tearDownTransfer(HangupCause.NORMAL_CLEARING);
            end();
        } finally {
            flush();
            lock.unlock();
        }
    }

    /** {@code core restart now} (trace 14): shutdown soft-hangup on every channel, then all hang up with cause 0. */
    void hangupForShutdown() {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            for (Channel c : liveChannelsLocked()) {
                emit(ev.softHangupRequest(c, SOFT_SHUTDOWN), c);
            }
            if (t1 != null && t1.alive) {
                hangupPair(t1, t2, HangupCause.UNKNOWN);
                devices(OUTBOUND, transferNumber, "NOT_INUSE", 2);
            }
            hangupPair(o1, o2, HangupCause.UNKNOWN);
            if (!answered) {
                reportOriginate(false, 1);
            }
            devices(req.localContext(), req.number(), "NOT_INUSE", 2);
            end();
        } finally {
            flush();
            lock.unlock();
        }
    }

    /** Snapshot of the live channels in the order CoreShowChannels lists them (trace 12: ;2 before ;1). */
    List<Channel> liveChannels() {
        lock.lock();
        try {
            return liveChannelsLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Renders under the lock so the snapshot cannot tear while a step runs. */
    <T> T withLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The other half of a Local channel pair, or null. */
    Channel localPeer(Channel c) {
        if (c == o1) return o2;
        if (c == o2) return o1;
        if (c == t1) return t2;
        if (c == t2) return t1;
        return null;
    }

    private List<Channel> liveChannelsLocked() {
        List<Channel> live = new ArrayList<>(4);
        for (Channel c : new Channel[] {o2, o1, t2, t1}) {
            if (c != null && c.alive) {
                live.add(c);
            }
        }
        return live;
    }

    // ---------------------------------------------------------------- originate and the ;2 dialplan

    private boolean createOriginatedPair() {
        String base = "Local/" + req.number() + "@" + req.localContext() + "-" + env.ids().nextLocalSuffix();
        String id1 = req.channelId() != null ? req.channelId() : env.ids().nextUniqueid();
        // core_unreal.c: with only ChannelId given, the ;2 half is "<ChannelId>;2"
        String id2 = req.otherChannelId() != null ? req.otherChannelId()
                : req.channelId() != null ? req.channelId() + ";2" : env.ids().nextUniqueid();
        long now = System.nanoTime();
        o1 = new Channel(this, base + ";1", id1, id1, ChannelState.DOWN, req.localContext(), req.number(), now);
        o2 = new Channel(this, base + ";2", id2, id1, ChannelState.RING, req.localContext(), req.number(), now);
        if (!env.registry().claim(o1)) {
            refuseDuplicate(id1);
            return false;
        }
        if (!env.registry().claim(o2)) {
            env.registry().release(o1);
            refuseDuplicate(id2);
            return false;
        }
        env.registry().addCall(this);
        return true;
    }

    /** README "Duplicate ChannelId": queued, then refused with the live channel's id; the live call is untouched. */
    private void refuseDuplicate(String liveId) {
        ended = true;
        o1.alive = false;
        o2.alive = false;
        originateReported = true;
        if (syncResult != null) {
            syncResult.accept(false);
        } else {
            emit(ev.originateResponse(req.actionId(), false, req.dialString(), req.context(), req.exten(), 0,
                    liveId, req.callerId()));
        }
    }

    /** {@code Local/123@nosuchcontext} (trace 11): both halves appear and vanish with cause 0. */
    private void failNoSuchContext() {
        emit(ev.newchannel(o1), o1);
        reportOriginate(false, 0);
        emit(ev.newchannel(o2), o2);
        setupCallerIdsAndVariables();
        hangup(o2, HangupCause.UNKNOWN);
        hangup(o1, HangupCause.UNKNOWN);
        devices(req.localContext(), req.number(), "INVALID", 2);
        end();
    }

    private void setupOriginatedPair() {
        emit(ev.newchannel(o1), o1);
        emit(ev.newchannel(o2), o2);
        setupCallerIdsAndVariables();
        emit(ev.localBridge(o1, o2, req.localContext(), req.number()));
        emit(ev.dialBegin(null, o1, req.localDialString()), o1);
    }

    private void setupCallerIdsAndVariables() {
        exten(o1, req.localContext(), req.number(), 1, "AppDial2", "(Outgoing Line)");
        // ;1 reports the Variable: headers last-first, ;2 (its copy) first-last, as in every trace
        List<OriginateRequest.Variable> vars = req.variables();
        for (int i = vars.size() - 1; i >= 0; i--) {
            emit(ev.varSet(o1, vars.get(i).name(), vars.get(i).value()), o1);
        }
        if (req.callerId().isKnown()) {
            o1.callerId = req.callerId();
            emit(ev.newCallerid(o1), o1);
            o1.connected = req.callerId();
            emit(ev.newConnectedLine(o1), o1);
        }
        for (OriginateRequest.Variable v : vars) {
            emit(ev.varSet(o2, v.name(), v.value()), o2);
        }
        if (req.callerId().isKnown()) {
            o2.callerId = req.callerId();
            o2.connected = req.callerId();
            emit(ev.newCallerid(o2), o2);
            emit(ev.newConnectedLine(o2), o2);
        }
    }

    /** {@code [outbound]}: NoOp, Set(LASTDIGIT), GotoIf to {@code outcome,dN,1}. */
    private void runOutboundDialplan() {
        String number = req.number();
        String ctx = req.localContext();
        String last = number.isEmpty() ? "" : number.substring(number.length() - 1);
        exten(o2, ctx, number, 1, "NoOp", "Outbound leg to " + number + " CALL_ID=" + callId);
        exten(o2, ctx, number, 2, "Set", "LASTDIGIT=" + last);
        emit(ev.varSet(o2, "LASTDIGIT", last), o2);
        boolean exists = last.length() == 1 && Character.isDigit(last.charAt(0));
        exten(o2, ctx, number, 3, "GotoIf", (exists ? "1" : "0") + "?outcome,d" + last + ",1");
        if (!exists) {
            exten(o2, ctx, number, 4, "Goto", "outcome,d7,1");
        } else if (last.equals("0")) {
            exten(o2, OUTCOME, "d0", 1, "Goto", "d7,1");
        }
    }

    /** The {@code ;2} half's outcome, as picked by the last digit. */
    private void playFarEnd() {
        switch (outcome) {
            case BUSY -> busy();
            case CONGESTION -> congestion();
            case UNALLOCATED -> {
                outcomeStep(1);
                rejectBeforeAnswer(outcome.rejectCause);
            }
            case ANSWER_NOW -> {
                outcomeStep(1);
                answer(false);
            }
            default -> ring();
        }
    }

    private void busy() {
        outcomeStep(1);
        setState(o2, ChannelState.BUSY);
        emit(ev.dialEnd(null, o1, "BUSY"), o1);
        emit(ev.hangupRequest(o2, HangupCause.UNKNOWN), o2);
        reportOriginate(false, 5);
        emit(ev.softHangupRequest(o2, SOFT_APPUNLOAD), o2);
        hangup(o1, HangupCause.UNKNOWN);   // README surprise 6: ;1 says 0/Unknown
        hangup(o2, HangupCause.USER_BUSY);
        devices(req.localContext(), req.number(), "NOT_INUSE", 3);
        end();
    }

    private void congestion() {
        outcomeStep(1);
        emit(ev.dialEnd(null, o1, "CONGESTION"), o1);
        reportOriginate(false, 8);
        setState(o2, ChannelState.BUSY);
        emit(ev.hangupRequest(o2, HangupCause.UNKNOWN), o2);
        hangup(o1, HangupCause.UNKNOWN);
        emit(ev.softHangupRequest(o2, SOFT_APPUNLOAD), o2);
        hangup(o2, HangupCause.CONGESTION);
        devices(req.localContext(), req.number(), "NOT_INUSE", 3);
        end();
    }

    /** Hangup(n) before answer (d7 now, d8 after ringing): Reason 0, DialEnd NOANSWER (trace 06). */
    private void rejectBeforeAnswer(int cause) {
        emit(ev.softHangupRequest(o2, SOFT_APPUNLOAD), o2);
        emit(ev.hangupRequest(o1, cause), o1);
        hangup(o2, cause);
        emit(ev.dialEnd(null, o1, "NOANSWER"), o1);
        hangup(o1, cause);
        reportOriginate(false, 0);
        devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        end();
    }

    private void ring() {
        outcomeStep(1);
        setState(o1, ChannelState.RINGING);
        emit(ev.dialState(null, o1, "RINGING"), o1);
        outcomeStep(2);
        devices(req.localContext(), req.number(), "INUSE", 1);
        timeline.at(req.timeoutMillis(), this::originateTimeout);
        timeline.after(outcome.ringMillis, () -> {
            if (ended || answered) {
                return;
            }
            outcomeStep(3);
            if (outcome.answers()) {
                answer(true);
            } else {
                rejectBeforeAnswer(outcome.rejectCause);
            }
        });
    }

    /** Originate Timeout expired while ringing (trace 03): no DialEnd at all, cause 19 on both halves. */
    private void originateTimeout() {
        if (ended || answered) {
            return;
        }
        emit(ev.hangupRequest(o2, HangupCause.NO_ANSWER), o2);
        reportOriginate(false, 3);
        emit(ev.softHangupRequest(o2, SOFT_APPUNLOAD), o2);
        hangup(o2, HangupCause.NO_ANSWER);
        hangup(o1, HangupCause.NO_ANSWER);
        devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        end();
    }

    /** Answer() on ;2: order of trace 01 after ringing, of trace 15 for d6 (no ringing). */
    private void answer(boolean afterRinging) {
        answered = true;
        answeredAtMillis = timeline.nowMillis();
        if (afterRinging) {
            reportOriginate(true, 4);
            setState(o1, ChannelState.UP);
            emit(ev.dialEnd(null, o1, "ANSWER"), o1);
            devices(req.localContext(), req.number(), "INUSE", 1);
            setState(o2, ChannelState.UP);
            startTargetContext();
            devices(req.localContext(), req.number(), "INUSE", 1);
        } else {
            setState(o2, ChannelState.UP);
            setState(o1, ChannelState.UP);
            emit(ev.dialEnd(null, o1, "ANSWER"), o1);
            reportOriginate(true, 4);
            startTargetContext();
            devices(req.localContext(), req.number(), "INUSE", 2);
        }
        int waitPriority = afterRinging ? 4 : 2;
        timeline.after(ANSWER_DELAY, () -> {
            if (!o2.alive) {
                return;
            }
            outcomeStep(waitPriority);
            timeline.after(outcome.talkMillis, () -> {
                if (o2.alive) {
                    outcomeStep(waitPriority + 1);
                    farEndHangup(HangupCause.NORMAL_CLEARING);
                }
            });
        });
    }

    /** The ;2 half ran Hangup(16) while up (trace 05): ;1 follows, then the transfer legs. */
    private void farEndHangup(int cause) {
        emit(ev.softHangupRequest(o2, SOFT_APPUNLOAD), o2);
        emit(ev.hangupRequest(o1, cause), o1);
        hangup(o2, cause);
        leaveTransferBridge();
        emit(ev.softHangupRequest(o1, SOFT_APPUNLOAD), o1);
        runHangupExten(cause);
        hangup(o1, cause);
        devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        tearDownTransfer(HangupCause.NORMAL_CLEARING);
        end();
    }

    // ---------------------------------------------------------------- the ;1 half in the Originate's Context

    /** Dispatches on the Originate Context: the three contexts of the traced dialplan. */
    private void startTargetContext() {
        switch (req.context()) {
            case IVR -> ivrStart();
            case "FastHangup" -> {
                exten(o1, req.context(), req.exten(), req.priority(), "Hangup", "16");
                nearEndHangup(HangupCause.NORMAL_CLEARING);
            }
            case "Hold" -> holdStart();
            // no such extension: Asterisk ends the PBX thread at once and the channel hangs up
            default -> nearEndHangup(HangupCause.NORMAL_CLEARING);
        }
    }

    private void holdStart() {
        int p = req.priority();
        exten(o1, req.context(), req.exten(), p, "Answer", "");
        exten(o1, req.context(), req.exten(), p + 1, "UserEvent", "HoldStarted,CallId: " + callId);
        emit(ev.userEvent(o1, "HoldStarted", "CallId", callId), o1);
        exten(o1, req.context(), req.exten(), p + 2, "Wait", "600");
        timeline.after(600_000, () -> {
            if (o1.alive) {
                exten(o1, req.context(), req.exten(), p + 3, "Hangup", "");
                nearEndHangup(HangupCause.NORMAL_CLEARING);
            }
        });
    }

    private void ivrStart() {
        int p = req.priority();
        exten(o1, IVR, req.exten(), p, "NoOp",
                "IVR start CALL_ID=" + callId + " TRANSFER_NUMBER=" + transferNumber);
        exten(o1, IVR, req.exten(), p + 1, "Answer", "");
        exten(o1, IVR, req.exten(), p + 2, "UserEvent", "IvrStarted,CallId: " + callId);
        emit(ev.userEvent(o1, "IvrStarted", "CallId", callId), o1);
        exten(o1, IVR, req.exten(), p + 3, "Wait", "1");
        timeline.after(1000, () -> {
            if (o1.alive) {
                ivrDigitAndDial(p + 4);
            }
        });
    }

    private void ivrDigitAndDial(int p) {
        exten(o1, IVR, req.exten(), p, "UserEvent", "DigitPressed,CallId: " + callId + ",Digit: 1");
        emit(ev.userEvent(o1, "DigitPressed", "CallId", callId, "Digit", "1"), o1);
        exten(o1, IVR, req.exten(), p + 1, "Dial", "Local/" + transferNumber + "@outbound,20,g");
        for (String v : new String[] {"DIALSTATUS", "DIALEDPEERNUMBER", "DIALEDPEERNAME", "ANSWEREDTIME",
                "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "RINGTIME", "RINGTIME_MS", "PROGRESSTIME",
                "PROGRESSTIME_MS"}) {
            emit(ev.varSet(o1, v, ""), o1);
        }
        if (transferNumber.isEmpty()) {
            // Dial(Local/@outbound) cannot create a channel
            emit(ev.varSet(o1, "DIALSTATUS", "CHANUNAVAIL"), o1);
            ivrDone(p + 2, "CHANUNAVAIL");
            return;
        }
        dialTransfer();
    }

    /** Dial(Local/TRANSFER_NUMBER@outbound): always the d9 transfer target (rings 1 s, talks 2 s). */
    private void dialTransfer() {
        String base = "Local/" + transferNumber + "@" + OUTBOUND + "-" + env.ids().nextLocalSuffix();
        long now = System.nanoTime();
        t1 = new Channel(this, base + ";1", env.ids().nextUniqueid(), o1.linkedid, ChannelState.DOWN, OUTBOUND,
                transferNumber, now);
        t2 = new Channel(this, base + ";2", env.ids().nextUniqueid(), o1.linkedid, ChannelState.RING, OUTBOUND,
                transferNumber, now);
        env.registry().claim(t1);
        env.registry().claim(t2);
        String peerNumber = transferNumber + "@" + OUTBOUND;
        emit(ev.newchannel(t1), t1);
        emit(ev.newchannel(t2), t2);
        emit(ev.varSet(t1, "DIALEDPEERNUMBER", peerNumber), t1);
        // the dialed ;1 takes the caller's exten as its number and the caller as connected line (trace 01)
        t1.callerId = new CallerId(o1.exten, o1.callerId.name());
        t1.connected = o1.callerId;
        exten(t1, OUTBOUND, o1.exten, 1, "AppDial", "(Outgoing Line)");
        emit(ev.newCallerid(t1), t1);
        emit(ev.newConnectedLine(t1), t1);
        emit(ev.varSet(t2, "DIALEDPEERNUMBER", peerNumber), t2);
        t2.callerId = o1.callerId;
        t2.connected = t1.callerId;
        emit(ev.newCallerid(t2), t2);
        emit(ev.newConnectedLine(t2), t2);
        emit(ev.localBridge(t1, t2, OUTBOUND, transferNumber));
        emit(ev.dialBegin(o1, t1, peerNumber), t1);
        String last = transferNumber.substring(transferNumber.length() - 1);
        exten(t2, OUTBOUND, transferNumber, 1, "NoOp", "Outbound leg to " + transferNumber + " CALL_ID=");
        exten(t2, OUTBOUND, transferNumber, 2, "Set", "LASTDIGIT=" + last);
        emit(ev.varSet(t2, "LASTDIGIT", last), t2);
        exten(t2, OUTBOUND, transferNumber, 3, "GotoIf", "1?outcome,d9,1");
        transferStep(1);
        setState(t1, ChannelState.RINGING);
        transferStep(2);
        devices(OUTBOUND, transferNumber, "INUSE", 1);
        emit(ev.varSet(o1, "RINGTIME", "0"), o1);
        emit(ev.varSet(o1, "RINGTIME_MS", "0"), o1);
        emit(ev.dialState(o1, t1, "RINGING"), t1);
        timeline.after(FarEndOutcome.TRANSFER_TARGET.ringMillis, this::transferAnswer);
    }

    private void transferAnswer() {
        if (!t2.alive) {
            return;
        }
        transferStep(3);
        setState(t2, ChannelState.UP);
        setState(t1, ChannelState.UP);
        devices(OUTBOUND, transferNumber, "INUSE", 1);
        emit(ev.varSet(o1, "DIALSTATUS", "ANSWER"), o1);
        emit(ev.varSet(o1, "DIALEDPEERNAME", t1.name), o1);
        emit(ev.varSet(o1, "DIALEDPEERNUMBER", transferNumber + "@" + OUTBOUND), o1);
        t1.exten = "";
        emit(ev.dialEnd(o1, t1, "ANSWER"), t1);
        bridgeId = env.ids().nextBridgeId();
        emit(ev.bridgeCreate(bridgeId));
        exten(t1, OUTBOUND, "", 1, "AppDial", "(Outgoing Line)");
        devices(OUTBOUND, transferNumber, "INUSE", 1);
        t1.bridgeId = bridgeId;
        emit(ev.bridgeEnter(bridgeId, 1, t1), t1);
        o1.bridgeId = bridgeId;
        emit(ev.bridgeEnter(bridgeId, 2, o1), o1);
        transferBridged = true;
        emit(ev.varSet(t1, "BRIDGEPEER", o1.name), t1);
        emit(ev.varSet(o1, "BRIDGEPEER", t1.name), o1);
        timeline.after(ANSWER_DELAY, () -> {
            if (!t2.alive) {
                return;
            }
            transferStep(4);
            timeline.after(FarEndOutcome.TRANSFER_TARGET.talkMillis, () -> {
                if (t2.alive) {
                    transferStep(5);
                    transferFarEndHangup(t2, HangupCause.NORMAL_CLEARING);
                }
            });
        });
    }

    /** The transfer target hangs up (trace 01): the IVR resumes, reports IvrDone and hangs up ;1. */
    private void transferFarEndHangup(Channel first, int cause) {
        Channel second = first == t2 ? t1 : t2;
        emit(ev.softHangupRequest(first, SOFT_APPUNLOAD), first);
        emit(ev.hangupRequest(second, cause), second);
        hangup(first, cause);
        emit(ev.varSet(t1, "BRIDGEPEER", ""), t1);
        emit(ev.varSet(o1, "BRIDGEPEER", ""), o1);
        emit(ev.bridgeLeave(bridgeId, 1, t1), t1);
        t1.bridgeId = "";
        if (second.alive) {
            hangup(second, cause);
        }
        emit(ev.bridgeLeave(bridgeId, 0, o1), o1);
        o1.bridgeId = "";
        transferBridged = false;
        dialTimings();
        emit(ev.varSet(o1, "DIALSTATUS", "ANSWER"), o1);
        ivrDone(req.priority() + 6, "ANSWER");
    }

    private void ivrDone(int p, String dialStatus) {
        exten(o1, IVR, req.exten(), p, "UserEvent",
                "IvrDone,CallId: " + callId + ",DialStatus: " + dialStatus);
        emit(ev.userEvent(o1, "IvrDone", "CallId", callId, "DialStatus", dialStatus), o1);
        exten(o1, IVR, req.exten(), p + 1, "Hangup", "");
        nearEndHangup(HangupCause.NORMAL_CLEARING);
    }

    /** ;1 ran Hangup(): h extension, then ;2 is torn down (end of trace 01, FastHangup). */
    private void nearEndHangup(int cause) {
        emit(ev.softHangupRequest(o1, SOFT_APPUNLOAD), o1);
        runHangupExten(cause);
        emit(ev.hangupRequest(o2, cause), o2);
        hangup(o1, cause);
        if (bridgeId != null) {
            emit(ev.bridgeDestroy(bridgeId));
            bridgeId = null;
        }
        emit(ev.softHangupRequest(o2, SOFT_APPUNLOAD), o2);
        hangup(o2, cause);
        if (t1 != null) {
            devices(OUTBOUND, transferNumber, "NOT_INUSE", 2);
        }
        devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        end();
    }

    /** {@code exten => h,1,UserEvent(IvrHangup,...)} of the DynamicIVR context. */
    private void runHangupExten(int cause) {
        if (!IVR.equals(req.context()) || !answered) {
            return;
        }
        exten(o1, IVR, "h", 1, "UserEvent", "IvrHangup,CallId: " + callId + ",HangupCause: " + cause);
        emit(ev.userEvent(o1, "IvrHangup", "CallId", callId, "HangupCause", Integer.toString(cause)), o1);
        o1.priority = 2; // the Hangup event shows the priority after the last one run
    }

    private void leaveTransferBridge() {
        if (!transferBridged) {
            return;
        }
        emit(ev.varSet(o1, "BRIDGEPEER", ""), o1);
        emit(ev.varSet(t1, "BRIDGEPEER", ""), t1);
        emit(ev.bridgeLeave(bridgeId, 1, o1), o1);
        o1.bridgeId = "";
        dialTimings();
        emit(ev.varSet(o1, "DIALSTATUS", "ANSWER"), o1);
    }

    /** Whatever is left of the transfer pair goes down after ;1 (trace 05). */
    private void tearDownTransfer(int cause) {
        if (t1 == null || !t1.alive && !t2.alive) {
            return;
        }
        if (transferBridged) {
            emit(ev.bridgeLeave(bridgeId, 0, t1), t1);
            t1.bridgeId = "";
            transferBridged = false;
        }
        if (bridgeId != null) {
            emit(ev.bridgeDestroy(bridgeId));
            bridgeId = null;
        }
        if (t1.alive) {
            emit(ev.hangupRequest(t2, cause), t2);
            hangup(t1, cause);
        }
        if (t2.alive) {
            emit(ev.softHangupRequest(t2, SOFT_APPUNLOAD), t2);
            hangup(t2, cause);
        }
        devices(OUTBOUND, transferNumber, "NOT_INUSE", 2);
    }

    private void dialTimings() {
        long now = timeline.nowMillis();
        long answeredFor = Math.max(0, now - answeredAtMillis);
        emit(ev.varSet(o1, "ANSWEREDTIME", Long.toString(answeredFor / 1000)), o1);
        emit(ev.varSet(o1, "ANSWEREDTIME_MS", Long.toString(answeredFor)), o1);
        emit(ev.varSet(o1, "DIALEDTIME", Long.toString(now / 1000)), o1);
        emit(ev.varSet(o1, "DIALEDTIME_MS", Long.toString(now)), o1);
    }

    // ---------------------------------------------------------------- small helpers

    private void hangupPair(Channel first, Channel second, int cause) {
        if (first.alive) {
            emit(ev.softHangupRequest(first, SOFT_APPUNLOAD), first);
            if (second.alive) {
                emit(ev.hangupRequest(second, cause), second);
            }
            hangup(first, cause);
        }
        if (second.alive) {
            emit(ev.softHangupRequest(second, SOFT_APPUNLOAD), second);
            hangup(second, cause);
        }
    }

    private void outcomeStep(int priority) {
        String[] app = FarEndOutcome.appAndData(outcome.steps[priority - 1]);
        exten(o2, OUTCOME, outcomeExten, priority, app[0], app[1]);
    }

    private void transferStep(int priority) {
        String[] app = FarEndOutcome.appAndData(FarEndOutcome.TRANSFER_TARGET.steps[priority - 1]);
        exten(t2, OUTCOME, "d9", priority, app[0], app[1]);
    }

    private void exten(Channel c, String context, String exten, int priority, String app, String data) {
        c.at(context, exten, priority, app, data);
        emit(ev.newexten(c), c);
    }

    private void setState(Channel c, ChannelState state) {
        c.state = state;
        emit(ev.newstate(c), c);
    }

    private void hangup(Channel c, int cause) {
        emit(ev.hangup(c, cause), c);
        c.alive = false;
        env.registry().release(c); // the id is free again as soon as Asterisk reported the Hangup
    }

    private void devices(String context, String number, String state, int count) {
        AmiMessage m = ev.deviceStateChange("Local/" + number + "@" + context, state);
        for (int i = 0; i < count; i++) {
            emit(m);
        }
    }

    private void reportOriginate(boolean success, int reason) {
        if (originateReported) {
            return;
        }
        originateReported = true;
        if (syncResult != null) {
            syncResult.accept(success);
            return;
        }
        // README surprise 4: a failure names the dial string, and the Uniqueid only if the caller chose it
        String uniqueid = success ? o1.uniqueid : req.channelId() != null ? req.channelId() : CallerId.UNKNOWN;
        emit(ev.originateResponse(req.actionId(), success, success ? o1.name : req.dialString(), req.context(),
                req.exten(), reason, uniqueid, req.callerId()));
    }

    private void end() {
        ended = true;
        timeline.stop();
        for (Channel c : new Channel[] {o1, o2, t1, t2}) {
            if (c != null) {
                c.alive = false;
                env.registry().release(c);
            }
        }
        env.registry().removeCall(this);
    }

    private void emit(AmiMessage m, Channel about) {
        burst.add(m, about);
    }

    private void emit(AmiMessage m) {
        burst.add(m);
    }

    /** Publishes the current instant's events, reordered if the mode is on. Runs with the lock held. */
    private void flush() {
        if (burst.isEmpty()) {
            return;
        }
        List<Burst.Entry> entries = burst.drain();
        if (reorderer != null) {
            reorderer.apply(entries);
        }
        for (Burst.Entry e : entries) {
            if (!unobserved || e.message().name().equals("OriginateResponse")) {
                env.sink().publish(e.message());
            }
        }
    }
}
