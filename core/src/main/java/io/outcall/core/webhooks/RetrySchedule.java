package io.outcall.core.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from 5 s, doubling, capped at SQS's
 * 15-minute delay, with "equal jitter" (half fixed, half random) so endpoints that failed together
 * are not all retried in the same second. Retries go on until 24 hours after the delivery began
 * (about 100 attempts), then the delivery is given up.
 */
public final class RetrySchedule {

    public static final Duration FIRST = Duration.ofSeconds(5);
    public static final Duration LONGEST = Duration.ofMinutes(15);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private final RandomGenerator random;

    public RetrySchedule(RandomGenerator random) {
        this.random = random;
    }

    /** @param failures attempts failed so far, at least 1 */
    public Duration delayAfter(int failures) {
        long ceiling = FIRST.toMillis() << Math.min(failures - 1, 20);
        ceiling = Math.min(ceiling, LONGEST.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    /**
     * When a delivery held back for {@code left} comes back: that, plus up to half of it again at random
     * (at least a second), so the deliveries held together do not all come back in the same moment.
     */
    public Duration spreadAfter(Duration left) {
        long millis = left.toMillis();
        return Duration.ofMillis(Math.max(1000, millis + random.nextLong(millis / 2 + 1)));
    }

    public boolean givesUp(Instant firstQueuedAt, Instant now) {
        return !now.isBefore(firstQueuedAt.plus(GIVE_UP_AFTER));
    }
}
