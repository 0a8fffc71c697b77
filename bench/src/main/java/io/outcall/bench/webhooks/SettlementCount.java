package io.outcall.bench.webhooks;

import io.outcall.core.webhooks.Delivery;
import io.outcall.core.webhooks.DeliveryAttempt;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryState;
import io.outcall.core.webhooks.DeliveryStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real delivery store, counting the deliveries the sender ended without sending because a
 * later status of the same call reached the endpoint first (SUPERSEDED, by design: a receiver
 * never sees a call go backwards). Those never arrive, so the run waits for arrivals plus these.
 */
final class SettlementCount implements DeliveryStore {

    private final DeliveryStore store;
    private final AtomicInteger superseded = new AtomicInteger();

    SettlementCount(DeliveryStore store) {
        this.store = store;
    }

    int superseded() {
        return superseded.get();
    }

    @Override
    public void finish(DeliveryMessage message, DeliveryState state, String reason) {
        store.finish(message, state, reason);
        if (state == DeliveryState.SUPERSEDED) {
            superseded.incrementAndGet();
        }
    }

    @Override
    public Claim claim(DeliveryMessage message, Instant now) {
        return store.claim(message, now);
    }

    @Override
    public void recordAttempt(DeliveryMessage message, DeliveryAttempt attempt, DeliveryState state, Instant nextAttemptAt) {
        store.recordAttempt(message, attempt, state, nextAttemptAt);
    }

    @Override
    public int deliveredRank(String endpointId, String callId) {
        return store.deliveredRank(endpointId, callId);
    }

    @Override
    public void delivered(String endpointId, String callId, int rank) {
        store.delivered(endpointId, callId, rank);
    }

    @Override
    public Optional<Delivery> find(String endpointId, String eventId) {
        return store.find(endpointId, eventId);
    }

    @Override
    public List<Delivery> forCall(String callId) {
        return store.forCall(callId);
    }

    @Override
    public DeliveryPage page(String endpointId, int limit, String afterEventId) {
        return store.page(endpointId, limit, afterEventId);
    }

    @Override
    public Optional<Resendable> reopen(String endpointId, String eventId, String chainId) {
        return store.reopen(endpointId, eventId, chainId);
    }
}
