package io.outcall.core.tenant;

/**
 * How fast and how much a tenant may dial; the bridge paces each tenant's calls by these.
 *
 * @param callsPerSecond  new calls started per second
 * @param concurrentCalls calls live at once
 */
public record TenantLimits(int callsPerSecond, int concurrentCalls) {

    public static final int MAX_CALLS_PER_SECOND = 500;
    public static final int MAX_CONCURRENT_CALLS = 10_000;
    /** What a tenant gets until someone sets its own. */
    public static final TenantLimits DEFAULTS = new TenantLimits(5, 50);
}
