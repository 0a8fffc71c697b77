package io.outcall.core.tenant;

/** No such tenant (or, for an admin, not theirs: both read alike). */
public final class UnknownTenantException extends RuntimeException {
    public UnknownTenantException(String tenantId) {
        super("there is no tenant '" + tenantId + "'");
    }
}
