package io.outcall.core.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tenants and their DIDs. */
public interface TenantStore {

    /** The tenant with every DID it has, or empty when there is no such tenant. */
    Optional<TenantProfile> profile(String tenantId);

    /** Every DID of the tenant, active or not. */
    List<Did> dids(String tenantId);

    /**
     * Records that {@code did} was just used, only if nobody else used it since it was read
     * (its use count is still the one in {@code did}).
     *
     * @return false when another request took it first
     */
    boolean markUsed(Did did, Instant now);

    /** Records a use whatever happened since {@code did} was read. */
    void recordUse(Did did, Instant now);

    /** Records {@code uses} uses at once, whatever happened since {@code did} was read: one write for a batch. */
    void recordUses(Did did, int uses, Instant now);

    void put(Tenant tenant);

    void put(Did did);
}
