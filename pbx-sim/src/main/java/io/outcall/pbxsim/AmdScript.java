package io.outcall.pbxsim;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Answering-machine detection on the {@code ;1} half: the AMD() step, its result as VarSet AMDSTATUS then AMDCAUSE
 * (same instant), the {@code AmdResult} UserEvent, and what follows per strategy. Two dialplans use it:
 * <ul>
 *   <li>{@code [DynamicIVR]} with {@code OUTCALL_AMD} set: the platform's contract (README "AMD contract"); the
 *       strategy and AMD()'s arguments come from the originate's channel variables;</li>
 *   <li>{@code [AmdIVR]}: the transcripts' own context (ami-traces 40-45), replayed step for step with AMD() at
 *       amd.conf's values, for fidelity against the raw captures.</li>
 * </ul>
 * A hang-up while AMD listens ends the analysis with AMDSTATUS=HANGUP and an empty AMDCAUSE, and the dialplan
 * never reaches the AmdResult step (43).
 */
final class AmdScript {

    static final String AMD_IVR = "AmdIVR";
    /** The transcripts' message.wav is exactly 3.0 s; the simulator plays every prompt for that long. */
    static final long PROMPT_MILLIS = 3000;
    /** WaitForSilence's default silence when OUTCALL_VM_WAIT_SILENCE_MS is unset (app_waitforsilence.c). */
    private static final long DEFAULT_WAIT_SILENCE_MILLIS = 1000;
    /** WaitForSilence(…,1,20): give up after 20 s, WAITSTATUS=TIMEOUT. */
    private static final long WAIT_SILENCE_TIMEOUT_MILLIS = 20_000;
    private static final String AMD_EXTEN = "amd";

    private final Call call;
    private final CallOutput out;
    private final OriginateRequest req;
    private final AmdStrategy strategy;
    private boolean analysing;
    /** Script time of the AMD() step, which runs in the answer's instant: the origin of AMD's timings. */
    private long analysisStart;

    AmdScript(Call call) {
        this.call = call;
        this.out = call.out;
        this.req = call.req;
        this.strategy = AmdStrategy.parse(req.variable(AmdStrategy.VARIABLE));
    }

    /** Whether the originate asked for AMD in DynamicIVR; off leaves the call exactly as without this feature. */
    boolean enabled() {
        return strategy != AmdStrategy.OFF;
    }

    /**
     * DynamicIVR after Answer(): {@code GotoIf(1?amd,1)} at {@code gotoPriority}, the {@code amd} extension, then
     * either the menu at {@code menuPriority} ({@code s,menu}) or the machine strategy.
     */
    void runInDynamicIvr(int gotoPriority, int menuPriority, IntConsumer menu) {
        Channel o1 = call.o1;
        String ctx = req.context();
        out.exten(o1, ctx, req.exten(), gotoPriority, "GotoIf", "1?" + AMD_EXTEN + ",1");
        analyse(ctx, AMD_EXTEN, 1, AmdParameters.appData(req), AmdParameters.from(req), verdict -> {
            reportResult(ctx, AMD_EXTEN, 2, verdict);
            boolean toMenu = !verdict.machine() || strategy == AmdStrategy.DETECT;
            out.exten(o1, ctx, AMD_EXTEN, 3, "GotoIf", (toMenu ? "1" : "0") + "?s,menu");
            if (toMenu) {
                menu.accept(menuPriority);
                return;
            }
            boolean hangUp = strategy == AmdStrategy.HANGUP_ON_MACHINE;
            out.exten(o1, ctx, AMD_EXTEN, 4, "GotoIf", (hangUp ? "1" : "0") + "?hangup");
            if (hangUp) {
                hangUp(ctx, AMD_EXTEN, 8);
                return;
            }
            leaveMessage(ctx, AMD_EXTEN, 5, waitSilenceData(), req.variable("OUTCALL_VM_PROMPT"),
                    waitSilenceMillis(), () -> hangUp(ctx, AMD_EXTEN, 8));
        });
    }

    /** The transcripts' {@code [AmdIVR]} (40, 41, 43, 45; MixMonitor is not simulated). */
    void runAmdIvr() {
        Channel o1 = call.o1;
        String record = req.variable("RECORD");
        String ex = req.exten();
        out.exten(o1, AMD_IVR, ex, 1, "NoOp", "AMD IVR CALL_ID=" + call.callId + " RECORD=" + record);
        out.exten(o1, AMD_IVR, ex, 2, "Answer", "");
        out.exten(o1, AMD_IVR, ex, 3, "ExecIf", ("1".equals(record) ? "1" : "0")
                + "?MixMonitor(" + call.callId + ".wav,b)");
        out.exten(o1, AMD_IVR, ex, 4, "ExecIf", ("2".equals(record) ? "1" : "0")
                + "?MixMonitor(" + call.callId + ".wav)");
        analyse(AMD_IVR, ex, 5, "", AmdParameters.DEFAULTS, verdict -> {
            reportResult(AMD_IVR, ex, 6, verdict);
            out.exten(o1, AMD_IVR, ex, 7, "GotoIf", (verdict.machine() ? "1" : "0") + "?machine");
            if (verdict.machine()) {
                leaveMessage(AMD_IVR, ex, 12, "1500,1,20", "outcall-test/message", 1500,
                        () -> stopRecordingAndHangUp(ex, 15, record));
                return;
            }
            out.exten(o1, AMD_IVR, ex, 8, "Playback", "outcall-test/message");
            call.timeline.after(PROMPT_MILLIS, () -> {
                out.varSet(o1, "PLAYBACKSTATUS", "SUCCESS");
                out.exten(o1, AMD_IVR, ex, 9, "UserEvent",
                        "IvrDone,CallId: " + call.callId + ",AmdStatus: " + verdict.status());
                out.userEvent(o1, "IvrDone", "CallId", call.callId, "AmdStatus", verdict.status());
                stopRecordingAndHangUp(ex, 10, record);
            });
        });
    }

    /** The channel goes away while AMD listens: AMD() returns HANGUP with an empty cause, no AmdResult (43). */
    void hangupDuringAnalysis() {
        if (!analysing) {
            return;
        }
        analysing = false;
        out.varSet(call.o1, "AMDSTATUS", AmdAnalysis.HANGUP.status());
        out.varSet(call.o1, "AMDCAUSE", AmdAnalysis.HANGUP.cause());
    }

    private void analyse(String ctx, String exten, int priority, String appData, AmdParameters parameters,
                         Consumer<AmdAnalysis.Verdict> next) {
        Channel o1 = call.o1;
        out.exten(o1, ctx, exten, priority, "AMD", appData);
        analysing = true;
        analysisStart = call.timeline.stepMillis();
        AmdAnalysis.Verdict verdict = AmdAnalysis.analyse(call.farEnd.outcome.audio, parameters);
        call.timeline.after(verdict.atMillis(), () -> {
            if (!analysing || !o1.alive) {
                return;
            }
            analysing = false;
            out.varSet(o1, "AMDSTATUS", verdict.status());
            out.varSet(o1, "AMDCAUSE", verdict.cause());
            next.accept(verdict);
        });
    }

    private void reportResult(String ctx, String exten, int priority, AmdAnalysis.Verdict verdict) {
        Channel o1 = call.o1;
        out.exten(o1, ctx, exten, priority, "UserEvent", "AmdResult,CallId: " + call.callId
                + ",Status: " + verdict.status() + ",Cause: " + verdict.cause());
        out.userEvent(o1, "AmdResult", "CallId", call.callId, "Status", verdict.status(), "Cause", verdict.cause());
    }

    /** WaitForSilence, Playback of the prompt, UserEvent VoicemailLeft (41); {@code then} hangs up. */
    private void leaveMessage(String ctx, String exten, int priority, String waitData, String prompt,
                              long silenceMillis, Runnable then) {
        Channel o1 = call.o1;
        out.exten(o1, ctx, exten, priority, "WaitForSilence", waitData);
        long now = call.timeline.stepMillis() - analysisStart;
        long heard = call.farEnd.outcome.audio.silenceHeardAt(now, silenceMillis) - now;
        boolean timedOut = heard > WAIT_SILENCE_TIMEOUT_MILLIS;
        String waitStatus = timedOut ? "TIMEOUT" : "SILENCE";
        call.timeline.after(timedOut ? WAIT_SILENCE_TIMEOUT_MILLIS : heard, () -> {
            out.varSet(o1, "WAITSTATUS", waitStatus);
            out.exten(o1, ctx, exten, priority + 1, "Playback", prompt);
            call.timeline.after(PROMPT_MILLIS, () -> {
                out.varSet(o1, "PLAYBACKSTATUS", "SUCCESS");
                out.exten(o1, ctx, exten, priority + 2, "UserEvent",
                        "VoicemailLeft,CallId: " + call.callId + ",WaitStatus: " + waitStatus);
                out.userEvent(o1, "VoicemailLeft", "CallId", call.callId, "WaitStatus", waitStatus);
                then.run();
            });
        });
    }

    private void stopRecordingAndHangUp(String exten, int priority, String record) {
        out.exten(call.o1, AMD_IVR, exten, priority, "ExecIf", ("2".equals(record) ? "1" : "0") + "?StopMixMonitor()");
        hangUp(AMD_IVR, exten, priority + 1);
    }

    private void hangUp(String ctx, String exten, int priority) {
        out.exten(call.o1, ctx, exten, priority, "Hangup", "");
        call.target.nearEndHangup(HangupCause.NORMAL_CLEARING);
    }

    private String waitSilenceData() {
        return req.variable("OUTCALL_VM_WAIT_SILENCE_MS") + ",1,20";
    }

    private long waitSilenceMillis() {
        try {
            long ms = Long.parseLong(req.variable("OUTCALL_VM_WAIT_SILENCE_MS").strip());
            return ms > 0 ? ms : DEFAULT_WAIT_SILENCE_MILLIS;
        } catch (NumberFormatException e) {
            return DEFAULT_WAIT_SILENCE_MILLIS;
        }
    }
}
