package io.outcall.core.tenant;

import java.time.Instant;
import java.util.List;

/**
 * One change to a tenant's configuration, written in the same transaction as the change.
 *
 * @param actor   the token's {@code sub} of whoever made it
 * @param action  what was done, e.g. {@code tenant.created}, {@code tenant.updated}, {@code did.added}
 * @param subject what it was done to: the tenant id, a DID id, a transfer number id
 * @param changes each field that changed, before and after (secrets masked)
 */
public record AuditEntry(String tenantId, Instant at, String actor, String action, String subject,
                         List<Change> changes) {

    public AuditEntry {
        changes = List.copyOf(changes);
    }

    /** @param before null when the field was unset; likewise {@code after} */
    public record Change(String field, String before, String after) {
    }
}
