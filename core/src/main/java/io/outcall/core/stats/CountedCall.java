package io.outcall.core.stats;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;

import java.time.Instant;

/**
 * What one call adds to its tenant's statistics when it reaches a final state. A call counts in
 * the bucket of its creation time (the time in its id), the same time the call log filters on.
 *
 * @param ringSeconds null when the call never rang (or its ring time is unknown)
 * @param talkSeconds null when the call was never answered (or its talk time is unknown)
 * @param amd         what answering-machine detection found; null when nothing
 */
public record CountedCall(String tenantId, Instant createdAt, CallStatus status, Disposition disposition,
                          Integer ringSeconds, Integer talkSeconds, AmdOutcome amd) {

    public CountedCall(String tenantId, Instant createdAt, CallStatus status, Disposition disposition,
                       Integer ringSeconds, Integer talkSeconds) {
        this(tenantId, createdAt, status, disposition, ringSeconds, talkSeconds, null);
    }

    public CountedCall {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("only final calls are counted, not " + status);
        }
    }

    /**
     * @param endedAt counts the call when its id carries no time (ids not made by intake, e.g. of
     *                replayed Asterisk transcripts): a final write must never fail over statistics
     */
    public static CountedCall of(String callId, String tenantId, CallStatus status, Disposition disposition,
                                 Instant ringingAt, Integer ringSeconds, Instant answeredAt, Integer talkSeconds,
                                 Instant endedAt) {
        return of(callId, tenantId, status, disposition, ringingAt, ringSeconds, answeredAt, talkSeconds, endedAt, null);
    }

    public static CountedCall of(String callId, String tenantId, CallStatus status, Disposition disposition,
                                 Instant ringingAt, Integer ringSeconds, Instant answeredAt, Integer talkSeconds,
                                 Instant endedAt, AmdOutcome amd) {
        Instant created = CallId.isWellFormed(callId) ? CallId.createdAt(callId) : endedAt;
        return new CountedCall(tenantId, created, status, disposition,
                ringingAt == null ? null : ringSeconds, answeredAt == null ? null : talkSeconds, amd);
    }

    /** The same figures taken from a finished call as stored: how tests and audits recompute them. */
    public static CountedCall of(Call call) {
        return of(call.callId(), call.tenantId(), call.status(), call.disposition(), call.ringingAt(),
                call.ringSeconds(), call.answeredAt(), call.talkSeconds(), call.endedAt(), call.amdOutcome());
    }
}
