package io.outcall.core.tenant;

import java.util.List;

/**
 * A tenant's settings with its whole caller-ID pool, as one read gives them: intake needs both
 * for every call, and reading them together saves a round trip on every request.
 *
 * @param dids every DID of the tenant, active or not
 */
public record TenantProfile(Tenant tenant, List<Did> dids) {

    public TenantProfile {
        dids = List.copyOf(dids);
    }
}
