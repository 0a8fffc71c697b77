package io.outcall.core.tenant;

/**
 * The two kinds of numbers a tenant keeps: caller-ID numbers (DIDs), which one tenant alone may
 * present, and transfer numbers, picked by weight. Both are added, listed, relabelled and
 * deactivated alike; ids are never reused.
 */
public enum NumberKind {
    DID("did", "didId", "DID#", "dids", true),
    TRANSFER("transferNumber", "transferNumberId", "TRANSFER#", "transfer-numbers", false);

    private final String auditName;
    private final String idField;
    private final String sortKeyPrefix;
    private final String pathSegment;
    private final boolean exclusive;

    NumberKind(String auditName, String idField, String sortKeyPrefix, String pathSegment, boolean exclusive) {
        this.auditName = auditName;
        this.idField = idField;
        this.sortKeyPrefix = sortKeyPrefix;
        this.pathSegment = pathSegment;
        this.exclusive = exclusive;
    }

    /** e.g. {@code did}, as audit actions name it ({@code did.added}). */
    public String auditName() {
        return auditName;
    }

    /** The JSON and item attribute naming a number's id. */
    public String idField() {
        return idField;
    }

    public String sortKeyPrefix() {
        return sortKeyPrefix;
    }

    /** The segment under {@code /tenant/}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** Whether a number belongs to at most one tenant platform-wide. */
    public boolean exclusive() {
        return exclusive;
    }

    public static NumberKind ofPath(String path) {
        return path.startsWith("/tenant/" + TRANSFER.pathSegment) ? TRANSFER : DID;
    }
}
