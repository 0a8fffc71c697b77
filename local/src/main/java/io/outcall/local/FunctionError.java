package io.outcall.local;

import java.util.Arrays;
import java.util.List;

/**
 * A function's unhandled exception as Lambda's Java runtime reports it in the Invoke response
 * (with {@code X-Amz-Function-Error: Unhandled}): the full class name as {@code errorType}, the
 * message (the class name when there is none) and each stack frame as one string.
 */
record FunctionError(String errorMessage, String errorType, List<String> stackTrace) {

    static FunctionError of(Throwable thrown) {
        String message = thrown.getLocalizedMessage();
        return new FunctionError(message == null ? thrown.getClass().getName() : message, thrown.getClass().getName(),
                Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::toString).toList());
    }

    /** Lambda's own report of a result over the response limit: the function ran, its answer is lost. */
    static FunctionError responseTooLarge(int limit) {
        return new FunctionError("Response payload size exceeded maximum allowed payload size (" + limit + " bytes).",
                "Function.ResponseSizeTooLarge", List.of());
    }
}
