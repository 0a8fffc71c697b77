package io.outcall.pbxsim;

/**
 * The {@code ;1} half once the far end answered: the Originate's {@code Context} of the traced dialplan
 * ({@code [DynamicIVR]}, {@code [FastHangup]}, {@code [Hold]}), its {@code h} extension, and the hang-up that
 * {@code ;1} itself runs.
 */
final class TargetContext {

    static final String IVR = "DynamicIVR";
    /** The contexts whose {@code h} extension reports {@code IvrHangup}. */
    private static final java.util.Set<String> WITH_HANGUP_EXTEN = java.util.Set.of(IVR, AmdScript.AMD_IVR);

    private final Call call;
    private final CallOutput out;
    private final OriginateRequest req;

    TargetContext(Call call) {
        this.call = call;
        this.out = call.out;
        this.req = call.req;
    }

    /** Dispatches on the Originate Context. */
    void start() {
        switch (req.context()) {
            case IVR -> ivrStart();
            case "FastHangup" -> {
                out.exten(call.o1, req.context(), req.exten(), req.priority(), "Hangup", "16");
                nearEndHangup(HangupCause.NORMAL_CLEARING);
            }
            case "Hold" -> holdStart();
            case AmdScript.AMD_IVR -> call.amd.runAmdIvr();
            // no such extension: Asterisk ends the PBX thread at once and the channel hangs up
            default -> nearEndHangup(HangupCause.NORMAL_CLEARING);
        }
    }

    private void holdStart() {
        Channel o1 = call.o1;
        int p = req.priority();
        out.exten(o1, req.context(), req.exten(), p, "Answer", "");
        int next = p + 1;
        if (call.mixMonitor.requested()) {
            call.mixMonitor.start(req.context(), next++);
        }
        int q = next;
        out.exten(o1, req.context(), req.exten(), q, "UserEvent", "HoldStarted,CallId: " + call.callId);
        out.userEvent(o1, "HoldStarted", "CallId", call.callId);
        out.exten(o1, req.context(), req.exten(), q + 1, "Wait", "600");
        call.timeline.after(600_000, () -> {
            if (o1.alive) {
                out.exten(o1, req.context(), req.exten(), q + 2, "Hangup", "");
                nearEndHangup(HangupCause.NORMAL_CLEARING);
            }
        });
    }

    private void ivrStart() {
        Channel o1 = call.o1;
        int p = req.priority();
        out.exten(o1, IVR, req.exten(), p, "NoOp",
                "IVR start CALL_ID=" + call.callId + " TRANSFER_NUMBER=" + call.transferNumber);
        out.exten(o1, IVR, req.exten(), p + 1, "Answer", "");
        int next = p + 2;
        if (call.mixMonitor.requested()) {
            // ExecIf(…?MixMonitor(${CALL_ID}.wav)) right after Answer() (README "Recordings")
            call.mixMonitor.start(IVR, next++);
        }
        if (call.amd.enabled()) {
            // GotoIf(…?amd,1) before the menu, which moves the menu one priority down (README "AMD contract")
            call.amd.runInDynamicIvr(next, next + 1, this::ivrMenu);
        } else {
            ivrMenu(next);
        }
    }

    /** IvrStarted, a second's wait, the digit and the transfer: {@code s,menu} onwards. */
    private void ivrMenu(int p) {
        Channel o1 = call.o1;
        out.exten(o1, IVR, req.exten(), p, "UserEvent", "IvrStarted,CallId: " + call.callId);
        out.userEvent(o1, "IvrStarted", "CallId", call.callId);
        out.exten(o1, IVR, req.exten(), p + 1, "Wait", "1");
        call.timeline.after(1000, () -> {
            if (!o1.alive) {
                return;
            }
            if (optsOut(req.number())) {
                ivrOptOut(p + 2);
            } else {
                ivrDigitAndDial(p + 2);
            }
        });
    }

    /** A callee who presses 9 to stop these calls: the numbers {@code +1XXXXXXX991} (they answer like d1). */
    static boolean optsOut(String number) {
        return number.matches("\\+1\\d{7}991");
    }

    /**
     * The sample dialplan's opt-out (README "Do-not-call"): {@code DigitPressed} with 9, then
     * {@code UserEvent(OutcallOptOut,CallId: ${CALL_ID})}, {@code Playback(goodbye)} and the hang-up.
     */
    private void ivrOptOut(int p) {
        Channel o1 = call.o1;
        out.exten(o1, IVR, req.exten(), p, "UserEvent", "DigitPressed,CallId: " + call.callId + ",Digit: 9");
        out.userEvent(o1, "DigitPressed", "CallId", call.callId, "Digit", "9");
        out.exten(o1, IVR, req.exten(), p + 1, "UserEvent", "OutcallOptOut,CallId: " + call.callId);
        out.userEvent(o1, "OutcallOptOut", "CallId", call.callId);
        out.exten(o1, IVR, req.exten(), p + 2, "Playback", "goodbye");
        call.timeline.after(1000, () -> {
            if (o1.alive) {
                out.exten(o1, IVR, req.exten(), p + 3, "Hangup", "16");
                nearEndHangup(HangupCause.NORMAL_CLEARING);
            }
        });
    }

    private void ivrDigitAndDial(int p) {
        Channel o1 = call.o1;
        out.exten(o1, IVR, req.exten(), p, "UserEvent", "DigitPressed,CallId: " + call.callId + ",Digit: 1");
        out.userEvent(o1, "DigitPressed", "CallId", call.callId, "Digit", "1");
        out.exten(o1, IVR, req.exten(), p + 1, "Dial", "Local/" + call.transferNumber + "@outbound,20,g");
        for (String v : new String[] {"DIALSTATUS", "DIALEDPEERNUMBER", "DIALEDPEERNAME", "ANSWEREDTIME",
                "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "RINGTIME", "RINGTIME_MS", "PROGRESSTIME",
                "PROGRESSTIME_MS"}) {
            out.varSet(o1, v, "");
        }
        if (call.transferNumber.isEmpty()) {
            // Dial(Local/@outbound) cannot create a channel
            out.varSet(o1, "DIALSTATUS", "CHANUNAVAIL");
            ivrDone(p + 2, "CHANUNAVAIL");
            return;
        }
        call.transfer.dial(() -> ivrDone(p + 2, "ANSWER"));
    }

    private void ivrDone(int p, String dialStatus) {
        Channel o1 = call.o1;
        out.exten(o1, IVR, req.exten(), p, "UserEvent",
                "IvrDone,CallId: " + call.callId + ",DialStatus: " + dialStatus);
        out.userEvent(o1, "IvrDone", "CallId", call.callId, "DialStatus", dialStatus);
        out.exten(o1, IVR, req.exten(), p + 1, "Hangup", "");
        nearEndHangup(HangupCause.NORMAL_CLEARING);
    }

    /** ;1 ran Hangup(): h extension, then ;2 is torn down (end of trace 01, FastHangup). */
    void nearEndHangup(int cause) {
        Channel o1 = call.o1;
        Channel o2 = call.o2;
        out.softHangupRequest(o1);
        runHangupExten(cause);
        out.hangupRequest(o2, cause);
        out.hangup(o1, cause);
        call.farEnd.endPlaybackOnHangup();
        call.transfer.destroyBridge();
        out.softHangupRequest(o2);
        out.hangup(o2, cause);
        if (call.transfer.dialed()) {
            call.transfer.releaseDevice();
        }
        out.devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        call.end();
    }

    /** {@code exten => h,1,UserEvent(IvrHangup,...)} of the DynamicIVR and AmdIVR contexts. */
    void runHangupExten(int cause) {
        if (!WITH_HANGUP_EXTEN.contains(req.context()) || !call.answered) {
            return;
        }
        Channel o1 = call.o1;
        out.exten(o1, req.context(), "h", 1, "UserEvent", "IvrHangup,CallId: " + call.callId + ",HangupCause: " + cause);
        out.userEvent(o1, "IvrHangup", "CallId", call.callId, "HangupCause", Integer.toString(cause));
        o1.priority = 2; // the Hangup event shows the priority after the last one run
    }
}
