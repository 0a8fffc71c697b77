package io.outcall.core.amd;

import java.time.Instant;

/**
 * What answering-machine detection found on one call, as the dialplan reported it.
 *
 * @param status          app_amd's {@code AMDSTATUS}, raw; null while no result came (only a voicemail report)
 * @param cause           app_amd's {@code AMDCAUSE}, raw (e.g. {@code LONGGREETING-1500-1500}); empty for HANGUP
 * @param detectedAt      when the result reached the bridge
 * @param millis          from the answer to the result; null while the answer's time is unknown
 * @param voicemailLeftAt when the dialplan reported the message left on a machine; null when none was
 */
public record AmdOutcome(String status, String cause, Instant detectedAt, Integer millis, Instant voicemailLeftAt) {

    /** Null for a status app_amd does not document (the raw one is in {@link #status}). */
    public AnsweredBy answeredBy() {
        return AnsweredBy.ofAmdStatus(status).orElse(null);
    }

    public boolean voicemailLeft() {
        return voicemailLeftAt != null;
    }
}
