package io.outcall.core.call;

import java.time.Instant;

/**
 * Where an attempt that ends retryably is recorded: the call leaves its live status for SCHEDULED
 * ({@code scheduledReason: retry}) due at {@code notBefore}, its ended attempt is appended to its
 * {@code attempts}, its attempt count moves to the next, and the attempt is counted in its tenant's
 * statistics (the call itself only when it is final) — all in one conditional write, so a retried or
 * repeated write, or a bridge lost between, can neither count twice nor lose the attempt.
 */
public interface CallRetries {

    /**
     * @return false when the call is no longer live on attempt {@code ended.attempt()} (a later
     *         attempt, final, or its tenant asked to cancel it): nothing was written, and the caller
     *         ends the call instead
     */
    boolean retryLater(String callId, String tenantId, CallAttempt ended, Instant notBefore);
}
