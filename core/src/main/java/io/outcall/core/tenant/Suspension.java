package io.outcall.core.tenant;

import java.time.Instant;

/** Why and since when a tenant may place no new calls, and who said so (a token's {@code sub}). */
public record Suspension(String reason, Instant since, String by) {
}
