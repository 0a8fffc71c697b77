package io.outcall.core.tenant;

/** No such DID or transfer number in this tenant (another tenant's reads the same). */
public final class UnknownNumberException extends RuntimeException {
    public UnknownNumberException(NumberKind kind, String id) {
        super("you have no " + kind.auditName() + " '" + id + "'");
    }
}
