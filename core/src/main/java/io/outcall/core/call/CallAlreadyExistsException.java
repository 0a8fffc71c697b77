package io.outcall.core.call;

public final class CallAlreadyExistsException extends RuntimeException {
    public CallAlreadyExistsException(String callId, Throwable cause) {
        super("call " + callId + " is already recorded", cause);
    }
}
