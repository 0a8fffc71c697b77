package io.outcall.core.intake;

/**
 * The call could not be recorded or queued because a backing service failed. Nothing is left
 * waiting: the call, if written, is ended FAILED and the retry key is freed, so the same request
 * can simply be sent again.
 *
 * @see #callId() the failed call, when one was recorded
 */
public final class IntakeUnavailableException extends RuntimeException {

    private final String callId;

    public IntakeUnavailableException(String message, String callId, Throwable cause) {
        super(message, cause);
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }
}
