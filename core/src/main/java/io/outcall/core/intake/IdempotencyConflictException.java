package io.outcall.core.intake;

/** A retry key reused for a different request. */
public final class IdempotencyConflictException extends RuntimeException {

    private final String callId;

    public IdempotencyConflictException(String callId) {
        super("this idempotency key was already used for call " + callId
                + " with a different request; use a new key for a new call");
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }
}
