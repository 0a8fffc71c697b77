package io.outcall.core.webhooks;

import java.time.Instant;

/**
 * One request to an endpoint.
 *
 * @param statusCode the HTTP status, 0 when none came back
 * @param error      why it failed without a status (refused address, timeout, connection reset), else null
 */
public record DeliveryAttempt(Instant at, int statusCode, long latencyMillis, String error) {
}
