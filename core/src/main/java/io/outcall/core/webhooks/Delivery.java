package io.outcall.core.webhooks;

import java.time.Instant;
import java.util.List;

/** One event's delivery to one endpoint, with every attempt made. */
public record Delivery(String endpointId, String eventId, String tenantId, String callId, String eventType,
                       DeliveryState state, String reason, List<DeliveryAttempt> attempts, Instant createdAt,
                       Instant nextAttemptAt) {

    public Delivery {
        attempts = List.copyOf(attempts);
    }
}
