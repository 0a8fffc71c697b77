package io.outcall.core.tenant;

/** The tenant changed since the version the writer read: an update would overwrite someone else's. */
public final class TenantChangedException extends RuntimeException {

    private final long expectedVersion;

    public TenantChangedException(String tenantId, long expectedVersion, Throwable cause) {
        super("tenant '" + tenantId + "' changed since version " + expectedVersion
                + "; read it again (GET) and apply your change to the new version", cause);
        this.expectedVersion = expectedVersion;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
