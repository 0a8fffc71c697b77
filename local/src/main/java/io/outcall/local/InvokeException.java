package io.outcall.local;

/**
 * A refused Invoke request, answered as Lambda answers it: {@code status}, the error type in
 * {@code x-amzn-ErrorType} (the SDK raises the exception of that name) and the message.
 */
final class InvokeException extends RuntimeException {

    private final int status;
    private final String errorType;

    InvokeException(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }
}
