package io.outcall.core.retry;

import io.outcall.core.call.Disposition;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a call whose attempt ended unanswered is dialed again: on which dispositions, how many
 * attempts in all (the first included), and how long after an attempt's end the next may dial.
 * An answered call, a canceled one and one that failed for any other reason are never retried.
 * Its rules ({@link RetryPolicyJson#check}) hold wherever a policy comes from: tenant settings, a call
 * request, a queue message.
 *
 * @param on           the dispositions that retry, a subset of {@link #RETRYABLE}
 * @param maxAttempts  attempts in all, 1 (never retried) to {@link #MAX_ATTEMPTS}
 * @param delaySeconds from an attempt's end to the earliest start of the next
 */
public record RetryPolicy(Set<Disposition> on, int maxAttempts, int delaySeconds) {

    /** The outcomes of a dial that a later dial may change: the callee was busy, away, or the network full. */
    public static final Set<Disposition> RETRYABLE = Set.copyOf(EnumSet.of(Disposition.BUSY, Disposition.NO_ANSWER,
            Disposition.CONGESTION));
    public static final int MAX_ATTEMPTS = 10;
    public static final int MIN_DELAY_SECONDS = 60;
    /** A day: a longer pause is a new campaign, not a retry. */
    public static final int MAX_DELAY_SECONDS = 86_400;
    /** What a request that gives only some fields builds on when its tenant has no policy. */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(RETRYABLE, 3, 300);

    public RetryPolicy {
        on = on == null || on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
    }

    /** Whether an attempt that ended with {@code disposition} is followed by attempt {@code attempt + 1}. */
    public boolean retries(Disposition disposition, int attempt) {
        return disposition != null && RETRYABLE.contains(disposition) && on.contains(disposition)
                && attempt < maxAttempts;
    }

    /** The earliest start of the attempt after one that ended at {@code endedAt}. */
    public Instant nextAttemptAt(Instant endedAt) {
        return endedAt.plus(Duration.ofSeconds(delaySeconds));
    }
}
