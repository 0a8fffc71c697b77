package io.outcall.core.retry;

import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code retry} object of a tenant document or a call request as given, before it meets the
 * policy it changes: read where the request is parsed (type errors), resolved where the tenant is
 * known ({@link #over}), so a call can change one field of its tenant's policy alone.
 *
 * @param on           the names given, null when left out
 * @param maxAttempts  null when left out
 * @param delaySeconds null when left out
 */
public record RetryRequest(boolean given, List<String> on, Integer maxAttempts, Integer delaySeconds) {

    /** No {@code retry} in the request: the base policy as it is. */
    public static final RetryRequest NONE = new RetryRequest(false, null, null, null);

    public RetryRequest {
        on = on == null ? null : List.copyOf(on);
    }

    /** Reads {@code retry} of {@code fields}; type errors and unknown fields go to its violations. */
    public static RetryRequest read(JsonFields fields) {
        JsonFields given = fields.object(RetryPolicyJson.FIELD);
        if (given == null) {
            return NONE;
        }
        given.onlyKnown(RetryPolicyJson.FIELDS);
        return new RetryRequest(true, given.stringList("on"), given.integer("maxAttempts"),
                given.integer("delaySeconds"));
    }

    /**
     * The policy this request makes of {@code base} (the tenant's for a call; {@link RetryPolicy#DEFAULTS}
     * fill the fields left out when there is none), every rule checked, violations named {@code retry.<field>}.
     *
     * @return {@code base} when nothing was given; null when a violation was recorded
     */
    public RetryPolicy over(RetryPolicy base, List<Violation> violations) {
        if (!given) {
            return base;
        }
        int before = violations.size();
        RetryPolicy from = base == null ? RetryPolicy.DEFAULTS : base;
        Set<RetryOutcome> outcomes = from.on().isEmpty() ? EnumSet.noneOf(RetryOutcome.class) : EnumSet.copyOf(from.on());
        if (on != null) {
            outcomes = EnumSet.noneOf(RetryOutcome.class);
            for (int i = 0; i < on.size(); i++) {
                RetryOutcome outcome = RetryPolicyJson.retryable(on.get(i));
                if (outcome == null) {
                    violations.add(new Violation(RetryPolicyJson.FIELD + ".on[" + i + "]", "'" + on.get(i)
                            + "' cannot be retried; use any of " + RetryPolicyJson.names(RetryPolicy.RETRYABLE)
                            + " (an answered or canceled call is never retried)"));
                } else {
                    outcomes.add(outcome);
                }
            }
        }
        RetryPolicy policy = new RetryPolicy(outcomes, maxAttempts == null ? from.maxAttempts() : maxAttempts,
                delaySeconds == null ? from.delaySeconds() : delaySeconds);
        RetryPolicyJson.check(policy, RetryPolicyJson.FIELD + ".", violations);
        return violations.size() > before ? null : policy;
    }
}
