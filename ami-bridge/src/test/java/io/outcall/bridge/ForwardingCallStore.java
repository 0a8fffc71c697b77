package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.call.ClaimedCall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The real store behind a test's interference: a subclass overrides the one operation it holds or records. */
public abstract class ForwardingCallStore implements CallStore {

    protected final CallStore store;

    protected ForwardingCallStore(CallStore store) {
        this.store = store;
    }

    @Override public void create(Call call) { store.create(call); }
    @Override public Optional<Call> find(String callId) { return store.find(callId); }
    @Override public boolean fail(Call call, String reason, Instant at) { return store.fail(call, reason, at); }
    @Override public ClaimResult claim(String c, String t, String b, String a, Instant at) { return store.claim(c, t, b, a, at); }
    @Override public void stillWaiting(String callId, Instant at) { store.stillWaiting(callId, at); }
    @Override public void markOriginated(String callId, Instant at) { store.markOriginated(callId, at); }
    @Override public boolean advance(CallProgress progress) { return store.advance(progress); }
    @Override public boolean recordAmd(String c, String t, io.outcall.core.amd.AmdOutcome amd) { return store.recordAmd(c, t, amd); }
    @Override public CancelResult cancel(String c, String t, Instant at) { return store.cancel(c, t, at); }
    @Override public List<String> cancelRequests(String bridgeId) { return store.cancelRequests(bridgeId); }
    @Override public List<ClaimedCall> liveOnBridge(String bridgeId) { return store.liveOnBridge(bridgeId); }
}
