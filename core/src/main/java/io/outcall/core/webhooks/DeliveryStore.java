package io.outcall.core.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of every delivery and its attempts, and the highest status each endpoint got of each call. */
public interface DeliveryStore {

    enum Claim {
        /** This message's chain owns the delivery: attempt it. */
        OWNED,
        /** Another chain owns it (a replayed stream record): drop the message. */
        DUPLICATE,
        /** It already ended (a queue redelivery after the outcome was recorded): drop the message. */
        FINISHED
    }

    /** Creates the delivery for this message's chain, or confirms the chain owns it. */
    Claim claim(DeliveryMessage message, Instant now);

    void recordAttempt(DeliveryMessage message, DeliveryAttempt attempt, DeliveryState state, Instant nextAttemptAt);

    /** Ends a delivery without an attempt (superseded, endpoint gone). */
    void finish(DeliveryMessage message, DeliveryState state, String reason);

    /** The rank of the highest status of the call delivered to the endpoint, -1 when none. */
    int deliveredRank(String endpointId, String callId);

    void delivered(String endpointId, String callId, int rank);

    Optional<Delivery> find(String endpointId, String eventId);

    /** Every delivery of a call's events, to every endpoint. */
    List<Delivery> forCall(String callId);

    /**
     * An endpoint's deliveries, newest call first.
     *
     * @param afterEventId where the previous page stopped, or null for the first page
     */
    DeliveryPage page(String endpointId, int limit, String afterEventId);

    /** @param nextAfter the last event id of this page when there may be more, else null */
    record DeliveryPage(List<Delivery> deliveries, String nextAfter) {
    }

    /** The body and status rank stored with a delivery, to send it again. */
    record Resendable(Delivery delivery, String body, int statusRank) {
    }

    /**
     * Hands an ended delivery to a new chain of attempts (a resend the tenant asked for).
     *
     * @return empty when there is no such delivery, or it is still being attempted
     */
    Optional<Resendable> reopen(String endpointId, String eventId, String chainId);
}
