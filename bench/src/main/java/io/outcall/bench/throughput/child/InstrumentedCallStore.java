package io.outcall.bench.throughput.child;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.call.ClaimedCall;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The call store the bridge sees: records claims and originate times for the latency figure and
 * the final writes for completion, times every call, and delegates to the real store.
 */
final class InstrumentedCallStore implements CallStore {
    final Timer claim = new Timer();
    final Timer markOriginated = new Timer();
    final Timer advance = new Timer();
    private final CallStore delegate;
    private final Latencies latencies;
    private final Done done;

    InstrumentedCallStore(CallStore delegate, Latencies latencies, Done done) {
        this.delegate = delegate;
        this.latencies = latencies;
        this.done = done;
    }

    @Override
    public void create(Call call) {
        delegate.create(call);
    }

    @Override
    public Optional<Call> find(String callId) {
        return delegate.find(callId);
    }

    @Override
    public boolean fail(Call call, String reason, Instant at) {
        return delegate.fail(call, reason, at);
    }

    @Override
    public void stillWaiting(String callId, Instant at) {
        delegate.stillWaiting(callId, at);
    }

    @Override
    public ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, Instant at) {
        ClaimResult result = claim.time(() -> delegate.claim(callId, tenantId, bridgeId, originateActionId, at));
        if (result.outcome() == ClaimResult.Outcome.CLAIMED && result.call() != null) {
            latencies.claimed(callId, tenantId, result.call().createdAt());
        }
        return result;
    }

    @Override
    public void markOriginated(String callId, Instant at) {
        latencies.originated(callId, at);
        markOriginated.time(() -> {
            delegate.markOriginated(callId, at);
            return null;
        });
    }

    @Override
    public boolean recordAmd(String callId, String tenantId, io.outcall.core.amd.AmdOutcome amd) {
        return delegate.recordAmd(callId, tenantId, amd);
    }

    @Override
    public boolean advance(CallProgress progress) {
        boolean written = advance.time(() -> delegate.advance(progress));
        if (done != null && progress.status().isFinal()) {
            done.finished(progress.tenantId(), progress.status().name());
        }
        return written;
    }

    @Override
    public List<ClaimedCall> liveOnBridge(String bridgeId) {
        return delegate.liveOnBridge(bridgeId);
    }

    @Override
    public CancelResult cancel(String callId, String tenantId, Instant at) {
        return delegate.cancel(callId, tenantId, at);
    }

    @Override
    public List<String> cancelRequests(String bridgeId) {
        return delegate.cancelRequests(bridgeId);
    }
}
