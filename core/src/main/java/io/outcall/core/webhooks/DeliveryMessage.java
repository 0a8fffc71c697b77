package io.outcall.core.webhooks;

import java.time.Instant;

/**
 * One event on its way to one endpoint, as the webhook queue carries it. The body travels with
 * it, so every attempt sends the same bytes under the same {@code webhook-id}.
 *
 * @param chainId     names this chain of attempts: a second message for the same delivery (a
 *                    replayed stream record) has another chain and is dropped
 * @param statusRank  the call status's rank, so a late retry never overtakes a later status
 * @param attempts    attempts made before this message
 * @param firstQueuedAt when the delivery began; retries stop 24 hours after it
 * @param resend      the tenant asked for it again: sent even if a later status was delivered since
 * @param held        it was held back while its endpoint's circuit was open (and so is claimed already)
 */
public record DeliveryMessage(String chainId, String tenantId, String endpointId, String eventId, String eventType,
                              String callId, int statusRank, String body, int attempts, Instant firstQueuedAt,
                              boolean resend, boolean held) {

    public static final int SCHEMA_VERSION = 1;
    /** The rank of an event outside the status order (AMD): never superseded, and supersedes nothing. */
    public static final int UNORDERED = -1;

    public DeliveryMessage nextAttempt() {
        return new DeliveryMessage(chainId, tenantId, endpointId, eventId, eventType, callId, statusRank, body,
                attempts + 1, firstQueuedAt, resend, held);
    }

    /** This message, held back without an attempt. */
    public DeliveryMessage heldBack() {
        return new DeliveryMessage(chainId, tenantId, endpointId, eventId, eventType, callId, statusRank, body,
                attempts, firstQueuedAt, resend, true);
    }

    /** A resend the tenant asked for: a new chain, counted from now. */
    public static DeliveryMessage resendOf(Delivery delivery, String body, int statusRank, String chainId, Instant now) {
        return new DeliveryMessage(chainId, delivery.tenantId(), delivery.endpointId(), delivery.eventId(),
                delivery.eventType(), delivery.callId(), statusRank, body, 0, now, true, false);
    }
}
