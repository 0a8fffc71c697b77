package io.outcall.core.schedule;

import io.outcall.core.call.Call;

import java.time.Instant;

/**
 * A SCHEDULED call as the due index lists it: its id, its tenant and the instant it may be dialed.
 * The index lags the table, so this is a lead to follow with a conditional write, not the call's state.
 *
 * @param listed the whole call as the index listed it, when the index projects it (its version then
 *               conditions the write, so a stale copy is never sent); null when it does not
 */
public record DueCall(String callId, String tenantId, Instant dueAt, Call listed) {

    public DueCall(String callId, String tenantId, Instant dueAt) {
        this(callId, tenantId, dueAt, null);
    }
}
