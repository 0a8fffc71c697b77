package io.outcall.bench.throughput.child;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.call.ClaimedCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls kept in memory, only while they are QUEUED: a claim takes the call out (so it can be
 * claimed once, which is all at-most-once needs here), and nothing of a claimed call is kept,
 * so this store adds nothing to the heap of the JVM under test as calls go by.
 */
final class InMemoryCallStore implements CallStore {
    private final Map<String, Call> queued = new ConcurrentHashMap<>();
    final LongAdder writes = new LongAdder();

    @Override
    public void create(Call call) {
        queued.put(call.callId(), call);
    }

    @Override
    public Optional<Call> find(String callId) {
        return Optional.ofNullable(queued.get(callId));
    }

    @Override
    public boolean fail(Call call, String reason, Instant at) {
        return queued.remove(call.callId()) != null;
    }

    @Override
    public void stillWaiting(String callId, Instant at) {
        // No sweeper here: nothing to restart.
    }

    @Override
    public ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, Instant at) {
        Call call = queued.remove(callId);
        if (call == null) {
            return new ClaimResult(ClaimResult.Outcome.MISSING, null, null, null);
        }
        // The stored (QUEUED) record is handed back; the consumer only looks at the outcome of a claim it won.
        return new ClaimResult(ClaimResult.Outcome.CLAIMED, call, bridgeId, null);
    }

    @Override
    public void markOriginated(String callId, Instant at) {
        writes.increment();
    }

    @Override
    public boolean advance(CallProgress progress) {
        writes.increment();
        return true;
    }

    @Override
    public boolean recordAmd(String callId, String tenantId, io.outcall.core.amd.AmdOutcome amd) {
        writes.increment();
        return true;
    }

    @Override
    public List<ClaimedCall> liveOnBridge(String bridgeId) {
        return List.of();
    }

    @Override
    public CancelResult cancel(String callId, String tenantId, Instant at) {
        throw new UnsupportedOperationException("the pipeline run cancels nothing");
    }

    @Override
    public List<String> cancelRequests(String bridgeId) {
        return List.of();
    }
}
