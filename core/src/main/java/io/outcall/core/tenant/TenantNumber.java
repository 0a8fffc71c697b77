package io.outcall.core.tenant;

import java.time.Instant;

/**
 * A DID or a transfer number as the admin API shows it.
 *
 * @param callerName DIDs only: the name presented with the number, or null
 * @param weight     transfer numbers only (1..1000): its share of transfers; null for a DID
 * @param lastUsedAt DIDs only: null when never used
 */
public record TenantNumber(NumberKind kind, String tenantId, String id, String number, String label,
                           String callerName, Integer weight, boolean active, Instant lastUsedAt, long useCount) {

    public TenantNumber edited(String newLabel, String newCallerName, Integer newWeight, boolean nowActive) {
        return new TenantNumber(kind, tenantId, id, number, newLabel, newCallerName, newWeight, nowActive, lastUsedAt,
                useCount);
    }
}
