package io.outcall.core.webhooks;

import io.outcall.core.events.WebhookSecret;

import java.time.Instant;

/**
 * One secret of an endpoint. The current one has no end; a rotated-out one signs beside its
 * successor until {@code retiresAt}, so a receiver can switch without losing a delivery.
 */
public record SigningKey(WebhookSecret secret, Instant createdAt, Instant retiresAt) {

    public boolean signsAt(Instant now) {
        return retiresAt == null || now.isBefore(retiresAt);
    }
}
