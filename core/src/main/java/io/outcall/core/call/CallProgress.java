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
 * @param attempt       the attempt the bridge observed this on, 1-based: written only while it is the call's
 *                      current attempt, so a late event of an earlier attempt never touches a later one
 * @param lastAttempt   on the final step of a call that has a retry policy, its last attempt's record, appended
 *                      to the call's {@code attempts}; null: none kept
 */
public record CallProgress(String callId, String tenantId, CallStatus status, Disposition disposition,
                           HangupCause hangupCause, String failureReason, Instant ringingAt, Instant answeredAt,
                           Instant endedAt, Integer ringSeconds, Integer talkSeconds, String channel, AmdOutcome amd,
                           int attempt, CallAttempt lastAttempt) {

    public CallProgress {
        attempt = Math.max(1, attempt);
    }

    /** A step that keeps no attempt record. */
    public CallProgress(String callId, String tenantId, CallStatus status, Disposition disposition,
                        HangupCause hangupCause, String failureReason, Instant ringingAt, Instant answeredAt,
                        Instant endedAt, Integer ringSeconds, Integer talkSeconds, String channel, AmdOutcome amd,
                        int attempt) {
        this(callId, tenantId, status, disposition, hangupCause, failureReason, ringingAt, answeredAt, endedAt,
                ringSeconds, talkSeconds, channel, amd, attempt, null);
    }

    /** A step of a call's first attempt. */
    public CallProgress(String callId, String tenantId, CallStatus status, Disposition disposition,
                        HangupCause hangupCause, String failureReason, Instant ringingAt, Instant answeredAt,
                        Instant endedAt, Integer ringSeconds, Integer talkSeconds, String channel, AmdOutcome amd) {
        this(callId, tenantId, status, disposition, hangupCause, failureReason, ringingAt, answeredAt, endedAt,
                ringSeconds, talkSeconds, channel, amd, 1);
    }

    public CallProgress(String callId, String tenantId, CallStatus status, Disposition disposition,
                        HangupCause hangupCause, String failureReason, Instant ringingAt, Instant answeredAt,
                        Instant endedAt, Integer ringSeconds, Integer talkSeconds, String channel) {
        this(callId, tenantId, status, disposition, hangupCause, failureReason, ringingAt, answeredAt, endedAt,
                ringSeconds, talkSeconds, channel, null);
    }

    public static CallProgress status(String callId, String tenantId, CallStatus status, Instant ringingAt,
                                      Instant answeredAt, String channel) {
        return status(callId, tenantId, 1, status, ringingAt, answeredAt, channel);
    }

    public static CallProgress status(String callId, String tenantId, int attempt, CallStatus status, Instant ringingAt,
                                      Instant answeredAt, String channel) {
        return new CallProgress(callId, tenantId, status, null, null, null, ringingAt, answeredAt, null, null, null,
                channel, null, attempt);
    }
}
