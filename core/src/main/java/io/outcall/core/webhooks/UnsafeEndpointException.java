package io.outcall.core.webhooks;

/** A webhook URL the platform will not call: it could reach the platform's own network or leak credentials. */
public final class UnsafeEndpointException extends Exception {

    public UnsafeEndpointException(String message) {
        super(message);
    }

    public UnsafeEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
