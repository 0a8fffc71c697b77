package io.outcall.core.aws;

/**
 * How batch operations retry what an AWS service left undone (DynamoDB's unprocessed items, SQS's
 * failed batch entries, a throttled request): a bounded number of attempts with a growing pause,
 * then {@link StillThrottledException}, which callers treat as transient.
 */
public final class RetryPauses {

    public static final int ATTEMPTS = 8;

    private RetryPauses() {
    }

    /** Waits before attempt {@code attempt + 1}; gives up when {@code attempt} was the last one. */
    public static void pauseAfter(int attempt, int left, String what) {
        if (attempt >= ATTEMPTS) {
            throw new StillThrottledException(left + " " + what + " still failed after " + ATTEMPTS
                    + " attempts (throttled or unavailable)");
        }
        try {
            Thread.sleep(Math.min(1_000, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying " + what, e);
        }
    }
}
