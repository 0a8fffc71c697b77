package io.outcall.core.tenant;

/** A tenant with this id exists already; ids are never reused. */
public final class TenantExistsException extends RuntimeException {
    public TenantExistsException(String tenantId, Throwable cause) {
        super("a tenant '" + tenantId + "' exists already; choose another id", cause);
    }
}
