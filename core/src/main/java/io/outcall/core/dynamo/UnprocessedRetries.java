package io.outcall.core.dynamo;

import io.outcall.core.aws.RetryPauses;
import io.outcall.core.aws.StillThrottledException;

/**
 * How the batch operations retry what DynamoDB left unprocessed: as {@link RetryPauses} says, a
 * bounded number of attempts with a growing pause, then {@link StillThrottledException}, which
 * callers treat as transient.
 */
final class UnprocessedRetries {

    static final int ATTEMPTS = RetryPauses.ATTEMPTS;

    private UnprocessedRetries() {
    }

    /** Waits before attempt {@code attempt + 1}; gives up when {@code attempt} was the last one. */
    static void pauseAfter(int attempt, int leftUnprocessed, String what) {
        RetryPauses.pauseAfter(attempt, leftUnprocessed, what + " unprocessed by DynamoDB");
    }
}
