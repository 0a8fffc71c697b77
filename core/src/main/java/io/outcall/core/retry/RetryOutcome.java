package io.outcall.core.retry;

/**
 * The outcomes of a dial that a later dial may change: the callee was busy, away, or the network
 * full. Named as the call's {@code Disposition} names them (and in its order), so a policy's JSON and
 * items read the same; its own type so that retries depend on nothing of the call's package, which
 * depends on them.
 */
public enum RetryOutcome {
    NO_ANSWER,
    BUSY,
    CONGESTION;

    /** The outcome named {@code disposition}; null when a dial that ended so is never retried. */
    public static RetryOutcome ofDisposition(String disposition) {
        for (RetryOutcome outcome : values()) {
            if (outcome.name().equals(disposition)) {
                return outcome;
            }
        }
        return null;
    }
}
