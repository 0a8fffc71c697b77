package io.outcall.core.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.json.MergePatch;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creating tenants and changing their settings and state. Every change is validated whole, written
 * with its audit entry in one transaction, and conditional on the version read, so two admins
 * never overwrite each other unseen.
 */
public final class TenantAdmin {

    private static final Set<String> CREATE_FIELDS = union(TenantSettingsJson.FIELDS, "tenantId");
    private static final int MAX_REASON_LENGTH = 200;

    private final TenantAdminStore store;
    private final TenantValidation validation;
    private final AuditDiff diff;
    private final Clock clock;

    public TenantAdmin(TenantAdminStore store, TenantValidation validation, Clock clock) {
        this.store = store;
        this.validation = validation;
        this.diff = new AuditDiff(Set.of());
        this.clock = clock;
    }

    public Tenant create(String actor, JsonNode body) {
        JsonFields fields = new JsonFields(body, InvalidTenantException::new);
        fields.onlyKnown(CREATE_FIELDS);
        String tenantId = fields.string("tenantId");
        TenantSettingsJson.Draft draft = TenantSettingsJson.read(fields);
        List<Violation> violations = new ArrayList<>(fields.violations());
        validation.tenantId(tenantId, violations);
        validation.draft(draft, violations);
        if (!violations.isEmpty()) {
            throw new InvalidTenantException(violations);
        }
        Tenant tenant = new Tenant(tenantId, draft.name(), draft.settings(), List.of(), null, 1);
        store.create(tenant, audit(tenantId, actor, "tenant.created", null, TenantSettingsJson.editable(tenant)));
        return tenant;
    }

    public Tenant get(String tenantId) {
        return store.find(tenantId).orElseThrow(() -> new UnknownTenantException(tenantId));
    }

    public Page<Tenant> list(String cursor, String limit) {
        return Paging.withCursor(store.list(Paging.decode(cursor), Paging.limit(limit)));
    }

    public Page<AuditEntry> audit(String tenantId, String cursor, String limit) {
        return Paging.withCursor(store.audit(tenantId, Paging.decode(cursor), Paging.limit(limit)));
    }

    /**
     * Applies a JSON merge patch (RFC 7396) to the tenant's editable document, as of
     * {@code expectedVersion}; the result must be a valid tenant as a whole.
     *
     * @return the tenant as written, or unchanged when the patch changes nothing
     */
    public Tenant patch(String actor, String tenantId, long expectedVersion, JsonNode patch) {
        Tenant current = get(tenantId);
        if (current.version() != expectedVersion) {
            throw new TenantChangedException(tenantId, expectedVersion, null);
        }
        if (patch == null || !patch.isObject()) {
            throw new InvalidTenantException(List.of(new Violation("body", "must be a JSON merge patch object")));
        }
        ObjectNode before = TenantSettingsJson.editable(current);
        JsonFields fields = new JsonFields(MergePatch.apply(before, patch), InvalidTenantException::new);
        fields.onlyKnown(TenantSettingsJson.FIELDS);
        TenantSettingsJson.Draft draft = TenantSettingsJson.read(fields);
        List<Violation> violations = new ArrayList<>(fields.violations());
        validation.draft(draft, violations);
        if (!violations.isEmpty()) {
            throw new InvalidTenantException(violations);
        }
        Tenant next = current.withSettings(draft.name(), draft.settings());
        return write(actor, current, next, "tenant.updated", before, TenantSettingsJson.editable(next));
    }

    /**
     * Stops the tenant's new calls; calls already queued go on, and its SCHEDULED calls and retries
     * wait for {@link #reactivate} (the due-call scheduler holds them).
     */
    public Tenant suspend(String actor, String tenantId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH
                || JsonFields.firstControlCharacter(reason) >= 0) {
            throw new InvalidTenantException(List.of(new Violation("reason",
                    "is required: 1 to " + MAX_REASON_LENGTH + " characters, no control characters")));
        }
        Tenant current = get(tenantId);
        Tenant next = current.withSuspension(new Suspension(reason, clock.instant(), actor));
        return write(actor, current, next, "tenant.suspended", TenantSettingsJson.document(current),
                TenantSettingsJson.document(next));
    }

    public Tenant reactivate(String actor, String tenantId) {
        Tenant current = get(tenantId);
        Tenant next = current.withSuspension(null);
        return write(actor, current, next, "tenant.reactivated", TenantSettingsJson.document(current),
                TenantSettingsJson.document(next));
    }

    private Tenant write(String actor, Tenant current, Tenant next, String action, JsonNode before, JsonNode after) {
        ObjectNode beforeState = before.deepCopy();
        ObjectNode afterState = after.deepCopy();
        beforeState.remove("version");
        afterState.remove("version");
        AuditEntry entry = audit(current.tenantId(), actor, action, beforeState, afterState);
        if (entry.changes().isEmpty()) {
            return current;
        }
        store.update(next, current.version(), entry);
        return new Tenant(next.tenantId(), next.name(), next.settings(), next.transferNumbers(), next.suspension(),
                current.version() + 1);
    }

    private AuditEntry audit(String tenantId, String actor, String action, JsonNode before, JsonNode after) {
        return new AuditEntry(tenantId, clock.instant(), actor, action, tenantId, diff.changes(before, after));
    }

    private static Set<String> union(Set<String> fields, String more) {
        Set<String> all = new HashSet<>(fields);
        all.add(more);
        return Set.copyOf(all);
    }
}
