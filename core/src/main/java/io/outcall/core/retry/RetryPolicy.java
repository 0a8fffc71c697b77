package io.outcall.core.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * When a call whose attempt ended unanswered is dialed again: on which dispositions, how many
 * attempts in all (the first included), and how long after an attempt's end the next may dial.
 * An answered call, a canceled one and one that failed for any other reason are never retried.
 * Its rules ({@link RetryPolicyJson#check}) hold wherever a policy comes from: tenant settings, a call
 * request, a queue message.
 *
 * @param on           the outcomes that retry
 * @param maxAttempts  attempts in all, 1 (never retried) to {@link #MAX_ATTEMPTS}
 * @param delaySeconds from an attempt's end to the earliest start of the next
 */
public record RetryPolicy(Set<RetryOutcome> on, int maxAttempts, int delaySeconds) {

    /** Every outcome a policy may name. */
    public static final Set<RetryOutcome> RETRYABLE = Set.of(RetryOutcome.values());
    public static final int MAX_ATTEMPTS = 10;
    public static final int MIN_DELAY_SECONDS = 60;
    /** A day: a longer pause is a new campaign, not a retry. */
    public static final int MAX_DELAY_SECONDS = 86_400;
    /** What a request that gives only some fields builds on when its tenant has no policy. */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(RETRYABLE, 3, 300);

    public RetryPolicy {
        on = on == null || on.isEmpty() ? Set.of() : Set.copyOf(on);
    }

    /**
     * Whether an attempt that ended with {@code disposition} (a call {@code Disposition}'s name) is
     * followed by attempt {@code attempt + 1}.
     */
    public boolean retries(String disposition, int attempt) {
        RetryOutcome outcome = RetryOutcome.ofDisposition(disposition);
        return outcome != null && on.contains(outcome) && attempt < maxAttempts;
    }

    /** The earliest start of the attempt after one that ended at {@code endedAt}. */
    public Instant nextAttemptAt(Instant endedAt) {
        return endedAt.plus(Duration.ofSeconds(delaySeconds));
    }
}
