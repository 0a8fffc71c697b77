package io.outcall.core.schedule;

import java.time.Instant;

/**
 * A SCHEDULED call as the due index lists it: its id, its tenant and the instant it may be dialed.
 * The index lags the table, so this is a lead to follow with a conditional write, not the call's state.
 */
public record DueCall(String callId, String tenantId, Instant dueAt) {
}
