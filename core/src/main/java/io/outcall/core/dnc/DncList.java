package io.outcall.core.dnc;

/**
 * The two do-not-call lists a number is looked up in: its tenant's own, and the platform's, which
 * applies to every tenant. The rule names are what a refused caller reads.
 */
public enum DncList {
    TENANT("tenant do-not-call list", "is on the tenant's do-not-call list"),
    PLATFORM("platform do-not-call list", "is on the platform do-not-call list");

    /** The audit partition of platform changes: {@code _} is in no tenant id, so it is no tenant's. */
    public static final String PLATFORM_AUDIT_TENANT = "_platform";

    private final String rule;
    private final String refusal;

    DncList(String rule, String refusal) {
        this.rule = rule;
        this.refusal = refusal;
    }

    /** e.g. {@code tenant do-not-call list}. */
    public String rule() {
        return rule;
    }

    /** What is wrong with the number, after the field name: {@code to is on the tenant's do-not-call list}. */
    public String refusal() {
        return refusal;
    }

    /** The tenant an audit entry of a change to this list goes under. */
    public String auditTenant(String tenantId) {
        return this == TENANT ? tenantId : PLATFORM_AUDIT_TENANT;
    }
}
