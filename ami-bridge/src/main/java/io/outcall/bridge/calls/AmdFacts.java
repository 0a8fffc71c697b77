package io.outcall.bridge.calls;

import io.outcall.core.amd.AmdOutcome;

import java.time.Duration;
import java.time.Instant;

/**
 * What the dialplan reported of a call's answering-machine detection: app_amd's status and cause
 * (from the {@code AmdResult} UserEvent, or the {@code AMDSTATUS}/{@code AMDCAUSE} VarSets when
 * Asterisk sends them) and the {@code VoicemailLeft} report. The first status stands: AMD runs once
 * per call, and the UserEvent repeats what the VarSet said.
 */
record AmdFacts(String status, String cause, Instant detectedAt, Instant voicemailLeftAt) {

    static final AmdFacts NONE = new AmdFacts(null, null, null, null);

    /** What the previous process recorded of an adopted call: its final write counts it again. */
    static AmdFacts recorded(AmdOutcome outcome) {
        return outcome == null ? NONE
                : new AmdFacts(outcome.status(), outcome.cause(), outcome.detectedAt(), outcome.voicemailLeftAt());
    }

    AmdFacts result(String newStatus, String newCause, Instant at) {
        if (status != null) {
            return cause == null && newCause != null && status.equals(newStatus)
                    ? new AmdFacts(status, newCause, detectedAt, voicemailLeftAt) : this;
        }
        return new AmdFacts(newStatus, newCause, at, voicemailLeftAt);
    }

    /** A VarSet AMDCAUSE: it comes in the same millisecond as AMDSTATUS, after it. */
    AmdFacts cause(String newCause) {
        return cause != null ? this : new AmdFacts(status, newCause, detectedAt, voicemailLeftAt);
    }

    AmdFacts voicemailLeft(Instant at) {
        return voicemailLeftAt != null ? this : new AmdFacts(status, cause, detectedAt, at);
    }

    boolean any() {
        return status != null || voicemailLeftAt != null;
    }

    /** @param answeredAt the call's answer, for the detection time; null when not known yet */
    AmdOutcome outcome(Instant answeredAt) {
        if (!any()) {
            return null;
        }
        Integer millis = detectedAt == null || answeredAt == null ? null
                : (int) Math.max(0, Duration.between(answeredAt, detectedAt).toMillis());
        return new AmdOutcome(status, cause == null ? "" : cause, detectedAt, millis, voicemailLeftAt);
    }
}
