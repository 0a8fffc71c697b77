package io.outcall.core.intake;

/** The tenant is suspended: it places no new calls until the platform reactivates it. */
public final class TenantSuspendedException extends RuntimeException {
    public TenantSuspendedException(String tenantId, String reason) {
        super("tenant '" + tenantId + "' is suspended and may place no new calls: " + reason);
    }
}
