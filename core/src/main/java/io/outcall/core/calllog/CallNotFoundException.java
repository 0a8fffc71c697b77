package io.outcall.core.calllog;

/** The tenant has no call with this id (another tenant's call is reported the same way). */
public final class CallNotFoundException extends RuntimeException {

    public CallNotFoundException(String tenantId, String callId) {
        super("tenant " + tenantId + " has no call " + callId);
    }
}
