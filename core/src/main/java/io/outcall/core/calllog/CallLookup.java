package io.outcall.core.calllog;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallEventStore;
import io.outcall.core.call.CallStore;

import java.util.List;
import java.util.Optional;

/** One call of a tenant, with its timeline. Another tenant's call is simply not found. */
public final class CallLookup {

    private final CallStore calls;
    private final CallEventStore events;

    public CallLookup(CallStore calls, CallEventStore events) {
        this.calls = calls;
        this.events = events;
    }

    public Optional<Call> find(String tenantId, String callId) {
        return calls.find(callId).filter(call -> call.tenantId().equals(tenantId));
    }

    /** @param withEvents false skips reading the timeline (the list is then empty) */
    public Optional<CallDetail> detail(String tenantId, String callId, boolean withEvents) {
        return find(tenantId, callId).map(call -> new CallDetail(call, withEvents ? events.timeline(callId) : List.of()));
    }

    public record CallDetail(Call call, List<CallEvent> events) {
    }
}
