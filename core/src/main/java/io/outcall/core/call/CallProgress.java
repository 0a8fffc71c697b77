package io.outcall.core.call;

import io.outcall.core.amd.AmdOutcome;

import java.time.Instant;

/**
 * A step forward in a call's life, as the bridge observed it. Null fields are left as stored. A
 * progress whose status does not rank above the stored one is not written: late or reordered
 * events never move a call backwards.
 *
 * @param failureReason why the platform, not Asterisk, decided the outcome (e.g. the AMI link was
 *                      down when the call ended); null when Asterisk said
 * @param amd           what answering-machine detection found, on a final step; null: nothing (left as stored)
 */
public record CallProgress(String callId, String tenantId, CallStatus status, Disposition disposition,
                           HangupCause hangupCause, String failureReason, Instant ringingAt, Instant answeredAt,
                           Instant endedAt, Integer ringSeconds, Integer talkSeconds, String channel, AmdOutcome amd) {

    public CallProgress(String callId, String tenantId, CallStatus status, Disposition disposition,
                        HangupCause hangupCause, String failureReason, Instant ringingAt, Instant answeredAt,
                        Instant endedAt, Integer ringSeconds, Integer talkSeconds, String channel) {
        this(callId, tenantId, status, disposition, hangupCause, failureReason, ringingAt, answeredAt, endedAt,
                ringSeconds, talkSeconds, channel, null);
    }

    public static CallProgress status(String callId, String tenantId, CallStatus status, Instant ringingAt,
                                      Instant answeredAt, String channel) {
        return new CallProgress(callId, tenantId, status, null, null, null, ringingAt, answeredAt, null, null, null,
                channel);
    }
}
