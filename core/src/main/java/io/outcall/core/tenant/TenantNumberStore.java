package io.outcall.core.tenant;

import java.util.List;
import java.util.Optional;

/** A tenant's DIDs and transfer numbers as the admin API changes them, each change with its audit entry. */
public interface TenantNumberStore {

    /**
     * Adds a number to an existing tenant; a DID's number is claimed platform-wide in the same write.
     *
     * @throws UnknownTenantException when the tenant does not exist
     * @throws NumberTakenException   when a DID's number is claimed already
     */
    void add(TenantNumber number, AuditEntry audit);

    List<TenantNumber> list(String tenantId, NumberKind kind);

    Optional<TenantNumber> find(String tenantId, NumberKind kind, String id);

    /** Writes the editable fields (label, caller name, weight, active), leaving use counts alone. */
    void update(TenantNumber number, AuditEntry audit);
}
