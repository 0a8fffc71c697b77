package io.outcall.core.dynamo;

import io.outcall.core.aws.StillThrottledException;

/**
 * How the batch operations retry what DynamoDB left unprocessed: a bounded number of attempts
 * with a growing pause, then {@link StillThrottledException}, which callers treat as transient.
 */
final class UnprocessedRetries {

    static final int ATTEMPTS = 8;

    private UnprocessedRetries() {
    }

    /** Waits before attempt {@code attempt + 1}; gives up when {@code attempt} was the last one. */
    static void pauseAfter(int attempt, int leftUnprocessed, String what) {
        if (attempt >= ATTEMPTS) {
            throw new StillThrottledException("DynamoDB left " + leftUnprocessed + " " + what + " unprocessed after "
                    + ATTEMPTS + " attempts (throttled)");
        }
        try {
            Thread.sleep(Math.min(1_000, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying " + what, e);
        }
    }
}
