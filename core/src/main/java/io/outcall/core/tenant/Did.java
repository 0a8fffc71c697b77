package io.outcall.core.tenant;

import java.time.Instant;

/**
 * A caller-ID number (DID) the tenant owns.
 *
 * @param lastUsedAt null when never used; with {@code useCount}, what least-recently-used selection reads
 */
public record Did(String tenantId, String didId, String number, String callerName, boolean active,
                  Instant lastUsedAt, long useCount) {
}
