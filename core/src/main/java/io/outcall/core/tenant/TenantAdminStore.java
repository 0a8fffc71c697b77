package io.outcall.core.tenant;

import java.util.Optional;

/** Tenants as the admin API changes them: every change written with its audit entry, all or nothing. */
public interface TenantAdminStore {

    /** The tenant as last written (a consistent read). */
    Optional<Tenant> find(String tenantId);

    /** @throws TenantExistsException when the id is taken */
    void create(Tenant tenant, AuditEntry audit);

    /**
     * Writes {@code tenant} as version {@code expectedVersion + 1}, only if it is still at {@code expectedVersion}.
     *
     * @throws TenantChangedException when someone else wrote it in between
     */
    void update(Tenant tenant, long expectedVersion, AuditEntry audit);

    /** Tenants in id order, from after {@code afterId} (null: from the start). */
    Page<Tenant> list(String afterId, int limit);

    /** The tenant's audit entries newest first, from after {@code afterKey} (the {@code next} of the page before). */
    Page<AuditEntry> audit(String tenantId, String afterKey, int limit);
}
