package io.outcall.bridge.calls;

import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallProgress;

import java.time.Instant;

/**
 * A retried call's attempt that ended: the call waits SCHEDULED for its next attempt from
 * {@code notBefore}. Should the call have moved on meanwhile (its tenant canceled it between the
 * end and the write), it ends as {@code finalIfNotRetried}, which is what it would have been without a retry.
 */
public record AttemptEnd(String callId, String tenantId, CallAttempt ended, Instant notBefore,
                         CallProgress finalIfNotRetried) {
}
