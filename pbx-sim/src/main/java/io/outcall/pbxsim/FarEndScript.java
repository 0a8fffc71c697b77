package io.outcall.pbxsim;

/**
 * The called party: the {@code ;2} half running {@code [outbound]} and then {@code [outcome]} dN, as picked by the
 * dialed number ({@link FarEndOutcome}). Rings, rejects, answers, talks and hangs up as traces 01-06 show.
 */
final class FarEndScript {

    /** Answer() on a channel that is not up yet waits 500 ms before the next priority (seen in every trace). */
    static final long ANSWER_DELAY = 500;
    private static final String OUTCOME = "outcome";

    private final Call call;
    private final CallOutput out;
    private final OriginateRequest req;
    final FarEndOutcome outcome;
    private final String outcomeExten;
    /** Routed by [outbound](+)'s two-digit AMD patterns rather than by the last digit. */
    private final boolean amdPattern;

    FarEndScript(Call call) {
        this.call = call;
        this.out = call.out;
        this.req = call.req;
        FarEndOutcome amd = FarEndOutcome.forAmdNumber(req.number());
        char digit = req.number().isEmpty() ? '7' : req.number().charAt(req.number().length() - 1);
        this.amdPattern = amd != null;
        this.outcome = amdPattern ? amd : FarEndOutcome.forDigit(digit);
        this.outcomeExten = amdPattern ? amd.amdExten() : "d" + (Character.isDigit(digit) && digit != '0' ? digit : '7');
    }

    /** {@code [outbound]}: NoOp, Set(LASTDIGIT), GotoIf to {@code outcome,dN,1}. */
    void runOutboundDialplan() {
        Channel o2 = call.o2;
        String number = req.number();
        String ctx = req.localContext();
        if (amdPattern) {
            // [outbound](+) _+1XXXXXXXX61 and its siblings: one Goto, no NoOp/Set (40, 41, 43)
            out.exten(o2, ctx, number, 1, "Goto", "outcome," + outcomeExten + ",1");
            return;
        }
        String last = number.isEmpty() ? "" : number.substring(number.length() - 1);
        out.exten(o2, ctx, number, 1, "NoOp", "Outbound leg to " + number + " CALL_ID=" + call.callId);
        out.exten(o2, ctx, number, 2, "Set", "LASTDIGIT=" + last);
        out.varSet(o2, "LASTDIGIT", last);
        boolean exists = last.length() == 1 && Character.isDigit(last.charAt(0));
        out.exten(o2, ctx, number, 3, "GotoIf", (exists ? "1" : "0") + "?outcome,d" + last + ",1");
        if (!exists) {
            out.exten(o2, ctx, number, 4, "Goto", "outcome,d7,1");
        } else if (last.equals("0")) {
            out.exten(o2, OUTCOME, "d0", 1, "Goto", "d7,1");
        }
    }

    /** The {@code ;2} half's outcome. */
    void play() {
        switch (outcome) {
            case BUSY -> busy();
            case CONGESTION -> congestion();
            case UNALLOCATED -> {
                step(1);
                rejectBeforeAnswer(outcome.rejectCause);
            }
            default -> {
                if (outcome.answersAtOnce()) {
                    step(1);
                    answer(false);
                } else {
                    ring();
                }
            }
        }
    }

    private void busy() {
        Channel o1 = call.o1;
        Channel o2 = call.o2;
        step(1);
        out.setState(o2, ChannelState.BUSY);
        out.emit(out.events().dialEnd(null, o1, "BUSY"), o1);
        out.hangupRequest(o2, HangupCause.UNKNOWN);
        call.report.report(false, 5, o1);
        out.softHangupRequest(o2);
        out.hangup(o1, HangupCause.UNKNOWN);   // README surprise 6: ;1 says 0/Unknown
        out.hangup(o2, HangupCause.USER_BUSY);
        out.devices(req.localContext(), req.number(), "NOT_INUSE", 3);
        call.end();
    }

    private void congestion() {
        Channel o1 = call.o1;
        Channel o2 = call.o2;
        step(1);
        out.emit(out.events().dialEnd(null, o1, "CONGESTION"), o1);
        call.report.report(false, 8, o1);
        out.setState(o2, ChannelState.BUSY);
        out.hangupRequest(o2, HangupCause.UNKNOWN);
        out.hangup(o1, HangupCause.UNKNOWN);
        out.softHangupRequest(o2);
        out.hangup(o2, HangupCause.CONGESTION);
        out.devices(req.localContext(), req.number(), "NOT_INUSE", 3);
        call.end();
    }

    /** Hangup(n) before answer (d7 now, d8 after ringing): Reason 0, DialEnd NOANSWER (trace 06). */
    private void rejectBeforeAnswer(int cause) {
        Channel o1 = call.o1;
        Channel o2 = call.o2;
        out.softHangupRequest(o2);
        out.hangupRequest(o1, cause);
        out.hangup(o2, cause);
        out.emit(out.events().dialEnd(null, o1, "NOANSWER"), o1);
        out.hangup(o1, cause);
        call.report.report(false, 0, o1);
        out.devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        call.end();
    }

    private void ring() {
        Channel o1 = call.o1;
        step(1);
        out.setState(o1, ChannelState.RINGING);
        out.emit(out.events().dialState(null, o1, "RINGING"), o1);
        step(2);
        out.devices(req.localContext(), req.number(), "INUSE", 1);
        call.timeline.at(req.timeoutMillis(), this::originateTimeout);
        call.timeline.after(outcome.ringMillis, () -> {
            if (call.ended || call.answered) {
                return;
            }
            step(3);
            if (outcome.answers()) {
                answer(true);
            } else {
                rejectBeforeAnswer(outcome.rejectCause);
            }
        });
    }

    /** Originate Timeout expired while ringing (trace 03): no DialEnd at all, cause 19 on both halves. */
    private void originateTimeout() {
        if (call.ended || call.answered) {
            return;
        }
        Channel o1 = call.o1;
        Channel o2 = call.o2;
        out.hangupRequest(o2, HangupCause.NO_ANSWER);
        call.report.report(false, 3, o1);
        out.softHangupRequest(o2);
        out.hangup(o2, HangupCause.NO_ANSWER);
        out.hangup(o1, HangupCause.NO_ANSWER);
        out.devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        call.end();
    }

    /** Answer() on ;2: order of trace 01 after ringing, of trace 15 for d6 (no ringing). */
    private void answer(boolean afterRinging) {
        Channel o1 = call.o1;
        Channel o2 = call.o2;
        call.answered = true;
        call.answeredAtMillis = call.timeline.nowMillis();
        if (afterRinging) {
            call.report.report(true, 4, o1);
            out.setState(o1, ChannelState.UP);
            out.emit(out.events().dialEnd(null, o1, "ANSWER"), o1);
            out.devices(req.localContext(), req.number(), "INUSE", 1);
            out.setState(o2, ChannelState.UP);
            call.target.start();
            out.devices(req.localContext(), req.number(), "INUSE", 1);
        } else {
            out.setState(o2, ChannelState.UP);
            out.setState(o1, ChannelState.UP);
            out.emit(out.events().dialEnd(null, o1, "ANSWER"), o1);
            call.report.report(true, 4, o1);
            call.target.start();
            out.devices(req.localContext(), req.number(), "INUSE", 2);
        }
        int firstPriority = afterRinging ? 4 : 2;
        call.timeline.after(ANSWER_DELAY, () -> {
            if (!o2.alive) {
                return;
            }
            step(firstPriority);
            if (outcome.playbackMillis > 0) {
                call.timeline.after(outcome.playbackMillis, () -> {
                    if (o2.alive) {
                        out.varSet(o2, "PLAYBACKSTATUS", "SUCCESS");
                        step(firstPriority + 1);
                        waitThenHangUp(firstPriority + 2);
                    }
                });
            } else {
                waitThenHangUp(firstPriority + 1);
            }
        });
    }

    private void waitThenHangUp(int hangupPriority) {
        call.timeline.after(outcome.talkMillis, () -> {
            if (call.o2.alive) {
                step(hangupPriority);
                hangUpAfterAnswer(HangupCause.NORMAL_CLEARING);
            }
        });
    }

    /** The ;1 half hung up while this half still played its file: Playback() ends and reports (40, 41). */
    void endPlaybackOnHangup() {
        if ("Playback".equals(call.o2.application)) {
            out.varSet(call.o2, "PLAYBACKSTATUS", "SUCCESS");
        }
    }

    /** The ;2 half ran Hangup(16) while up (trace 05): ;1 follows, then the transfer legs. */
    private void hangUpAfterAnswer(int cause) {
        Channel o1 = call.o1;
        Channel o2 = call.o2;
        out.softHangupRequest(o2);
        out.hangupRequest(o1, cause);
        out.hangup(o2, cause);
        call.amd.hangupDuringAnalysis();
        call.transfer.callerLeavesBridge();
        out.softHangupRequest(o1);
        call.target.runHangupExten(cause);
        out.hangup(o1, cause);
        out.devices(req.localContext(), req.number(), "NOT_INUSE", 2);
        call.transfer.tearDown(HangupCause.NORMAL_CLEARING);
        call.end();
    }

    private void step(int priority) {
        String[] app = FarEndOutcome.appAndData(outcome.steps[priority - 1]);
        out.exten(call.o2, OUTCOME, outcomeExten, priority, app[0], app[1]);
    }
}
