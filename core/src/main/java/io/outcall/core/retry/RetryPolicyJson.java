package io.outcall.core.retry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The JSON of a {@link RetryPolicy}, {@code {"on":["BUSY","NO_ANSWER","CONGESTION"],"maxAttempts":3,
 * "delaySeconds":300}}, the same in tenant settings, call requests and queue messages, and its rules.
 */
public final class RetryPolicyJson {

    public static final String FIELD = "retry";
    static final Set<String> FIELDS = Set.of("on", "maxAttempts", "delaySeconds");

    private RetryPolicyJson() {
    }

    /**
     * Reads {@code retry} of {@code fields} over {@code base} (a field left out keeps the base's
     * value; the base is the tenant's policy for a call, {@link RetryPolicy#DEFAULTS} without one)
     * and checks it; violations are named {@code retry.<field>}.
     *
     * @return the base when {@code retry} is absent; null when it is not valid (a violation was recorded)
     */
    public static RetryPolicy read(JsonFields fields, RetryPolicy base) {
        return RetryRequest.read(fields).over(base, fields.violations());
    }

    /** The rules of a policy, whoever wrote it; violations named {@code prefix + field}. */
    public static void check(RetryPolicy policy, String prefix, List<Violation> violations) {
        if (!RetryPolicy.RETRYABLE.containsAll(policy.on())) {
            violations.add(new Violation(prefix + "on", "may only list " + names(RetryPolicy.RETRYABLE)));
        }
        if (policy.maxAttempts() < 1 || policy.maxAttempts() > RetryPolicy.MAX_ATTEMPTS) {
            violations.add(new Violation(prefix + "maxAttempts", "must be 1 (no retry) to " + RetryPolicy.MAX_ATTEMPTS
                    + ", was " + policy.maxAttempts()));
        }
        if (policy.delaySeconds() < RetryPolicy.MIN_DELAY_SECONDS || policy.delaySeconds() > RetryPolicy.MAX_DELAY_SECONDS) {
            violations.add(new Violation(prefix + "delaySeconds", "must be " + RetryPolicy.MIN_DELAY_SECONDS + " to "
                    + RetryPolicy.MAX_DELAY_SECONDS + " seconds, was " + policy.delaySeconds()));
        }
    }

    /** Null when {@code name} is not a retryable disposition. */
    public static RetryOutcome retryable(String name) {
        return RetryOutcome.ofDisposition(name);
    }

    /** Sorted, so a document reads the same every time. */
    public static List<String> names(Set<RetryOutcome> outcomes) {
        return outcomes.stream().sorted().map(RetryOutcome::name).toList();
    }

    public static void put(ObjectNode doc, RetryPolicy policy) {
        if (policy != null) {
            ObjectNode retry = doc.putObject(FIELD);
            names(policy.on()).forEach(retry.putArray("on")::add);
            retry.put("maxAttempts", policy.maxAttempts());
            retry.put("delaySeconds", policy.delaySeconds());
        }
    }

    /** Writes {@code "retry": {...}} when there is a policy. */
    public static void write(JsonGenerator out, RetryPolicy policy) throws IOException {
        if (policy == null) {
            return;
        }
        out.writeObjectFieldStart(FIELD);
        out.writeArrayFieldStart("on");
        for (String name : names(policy.on())) {
            out.writeString(name);
        }
        out.writeEndArray();
        out.writeNumberField("maxAttempts", policy.maxAttempts());
        out.writeNumberField("delaySeconds", policy.delaySeconds());
        out.writeEndObject();
    }
}
