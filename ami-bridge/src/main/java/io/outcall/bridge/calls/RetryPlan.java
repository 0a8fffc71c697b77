package io.outcall.bridge.calls;

import io.outcall.core.call.Disposition;
import io.outcall.core.retry.RetryPolicy;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A followed call's retry policy with the rule that moves its next attempt's earliest start: the
 * policy's delay first, then {@code opening} (the calling window's next opening, when the call's
 * message carries a window: {@code RetryOpening.inCallingWindow}, as the bridge wires it).
 *
 * @param policy  null: the call is never retried
 * @param opening from the earliest start the delay allows to the one the next attempt gets
 */
public record RetryPlan(RetryPolicy policy, UnaryOperator<Instant> opening) {

    public static final RetryPlan NONE = new RetryPlan(null, UnaryOperator.identity());

    /** Whether attempt {@code attempt}, ended with {@code disposition}, is followed by another. */
    boolean retries(Disposition disposition, int attempt) {
        return policy != null && disposition != null && policy.retries(disposition.name(), attempt);
    }

    /** When the next attempt may start after one that ended at {@code endedAt}. */
    Instant nextAttemptAt(Instant endedAt) {
        return opening.apply(policy.nextAttemptAt(endedAt));
    }
}
