package io.outcall.core.events;

/** Wakes a journey step that waits for its call (Step Functions' {@code .waitForTaskToken}). */
public interface JourneyWaits {

    enum Result {
        /** The step received the call's item and moved on. */
        RESUMED,
        /** The token expired, was already used, or its execution ended: nothing to wake, never retried. */
        TOKEN_GONE
    }

    /**
     * @param output the call's log item, the step's result
     * @throws RuntimeException when the service could not be reached, so the stream retries
     */
    Result resume(String taskToken, String output);
}
