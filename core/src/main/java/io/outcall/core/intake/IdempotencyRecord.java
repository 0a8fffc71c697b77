package io.outcall.core.intake;

import java.time.Instant;

/**
 * Which call a client's retry key stands for.
 *
 * @param key         tenant-scoped key, so two tenants can use the same header value
 * @param fingerprint hash of the normalised request: the same key with another request is a conflict
 */
public record IdempotencyRecord(String key, String fingerprint, String callId, Instant createdAt, Instant expiresAt) {
}
