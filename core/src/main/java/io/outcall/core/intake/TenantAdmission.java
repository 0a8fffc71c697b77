package io.outcall.core.intake;

import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TenantStore;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The tenant a request is for, read once as every intake needs it: unknown is refused, suspended is
 * refused with its reason (read with the profile the call needs anyway, so it costs the call path
 * nothing), an unreachable store is a retryable failure with nothing recorded.
 */
final class TenantAdmission {

    private TenantAdmission() {
    }

    static TenantProfile admit(TenantStore tenants, String tenantId) {
        TenantProfile profile;
        try {
            profile = tenants.profile(tenantId).orElseThrow(() -> new TenantNotFoundException(tenantId));
        } catch (SdkException e) {
            throw new IntakeUnavailableException("the call store is unavailable; nothing was recorded, retry shortly",
                    null, e);
        }
        if (profile.tenant().suspended()) {
            throw new TenantSuspendedException(tenantId, profile.tenant().suspension().reason());
        }
        return profile;
    }
}
