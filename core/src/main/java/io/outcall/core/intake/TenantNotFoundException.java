package io.outcall.core.intake;

/** The token names a tenant this platform does not know (or has not provisioned). */
public final class TenantNotFoundException extends RuntimeException {
    public TenantNotFoundException(String tenantId) {
        super("tenant " + tenantId + " is not provisioned on this platform");
    }
}
