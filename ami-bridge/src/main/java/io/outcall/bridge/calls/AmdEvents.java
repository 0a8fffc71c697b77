package io.outcall.bridge.calls;

import io.outcall.bridge.ami.AnyUserEvent;
import org.asteriskjava.manager.event.VarSetEvent;

import java.time.Instant;

/**
 * Reads the answering-machine part of the dialplan contract off a call's events: the
 * {@code AmdResult} and {@code VoicemailLeft} UserEvents, and the {@code AMDSTATUS} and
 * {@code AMDCAUSE} VarSets on the originated channel (after a hang-up during analysis the dialplan
 * jumps to {@code h}, so the VarSet is all a real Asterisk says: ami-traces 43). Tracker thread only.
 */
final class AmdEvents {

    static final String AMD_RESULT = "AmdResult";
    static final String VOICEMAIL_LEFT = "VoicemailLeft";

    private final CallJournal journal;

    AmdEvents(CallJournal journal) {
        this.journal = journal;
    }

    /** A UserEvent of the call; anything but the two AMD ones changes nothing. */
    void userEvent(LiveCall call, AnyUserEvent e, Instant at) {
        AmdFacts before = call.amd;
        if (AMD_RESULT.equals(e.name()) && e.header("status") != null) {
            call.amd = before.result(e.header("status"), e.header("cause"), at);
        } else if (VOICEMAIL_LEFT.equals(e.name())) {
            call.amd = before.voicemailLeft(at);
        }
        reportIfChanged(call, before);
    }

    /** @return whether the VarSet was one of app_amd's on the originated channel */
    boolean varSet(LiveCall call, VarSetEvent e, Instant at) {
        if (!call.channelId.equals(e.getUniqueId())) {
            return false;
        }
        AmdFacts before = call.amd;
        if ("AMDSTATUS".equals(e.getVariable()) && e.getValue() != null && !e.getValue().isEmpty()) {
            // Not written yet: app_amd sets AMDCAUSE in the same instant, and a result written without
            // it would go out as call.human_detected / call.machine_detected with an empty amdCause.
            call.amd = before.result(e.getValue(), null, at);
            return true;
        } else if ("AMDCAUSE".equals(e.getVariable())) {
            call.amd = before.cause(e.getValue() == null ? "" : e.getValue());
        } else {
            return false;
        }
        reportIfChanged(call, before);
        return true;
    }

    private void reportIfChanged(LiveCall call, AmdFacts before) {
        if (!call.amd.equals(before)) {
            journal.amdReported(call);
        }
    }
}
