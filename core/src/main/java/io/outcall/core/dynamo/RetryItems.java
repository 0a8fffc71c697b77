package io.outcall.core.dynamo;

import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.retry.RetryOutcome;
import io.outcall.core.retry.RetryPolicy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.outcall.core.dynamo.Items.integer;
import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.number;
import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * A call's retries in its item: {@code attempt} (the current one; absent on calls written before
 * retries, which read as attempt 1), {@code attempts} (a list of maps, one per ended attempt,
 * appended by the write that ends it) and {@code retry} (the policy, a map), the same map a
 * tenant's item keeps its default policy in.
 */
final class RetryItems {

    static final String ATTEMPT = "attempt";
    static final String ATTEMPTS = "attempts";
    static final String RETRY = "retry";

    private RetryItems() {
    }

    static void put(Map<String, AttributeValue> item, int attempt, List<CallAttempt> attempts, RetryPolicy retry) {
        item.put(ATTEMPT, n(attempt));
        if (!attempts.isEmpty()) {
            item.put(ATTEMPTS, AttributeValue.fromL(attempts.stream().map(RetryItems::attempt).toList()));
        }
        putPolicy(item, retry);
    }

    static void putPolicy(Map<String, AttributeValue> item, RetryPolicy retry) {
        if (retry != null) {
            item.put(RETRY, AttributeValue.fromM(Map.of(
                    "on", AttributeValue.fromL(retry.on().stream().sorted().map(d -> s(d.name())).toList()),
                    "maxAttempts", n(retry.maxAttempts()),
                    "delaySeconds", n(retry.delaySeconds()))));
        }
    }

    /** One ended attempt as an element of {@code attempts}. */
    static AttributeValue attempt(CallAttempt a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(ATTEMPT, n(a.attempt()));
        m.put("status", s(a.status().name()));
        if (a.disposition() != null) {
            m.put("disposition", s(a.disposition().name()));
        }
        if (a.cause() != null) {
            m.put("hangupCauseCode", n(a.cause().code()));
            m.put("hangupCauseText", s(a.cause().text() == null ? "" : a.cause().text()));
        }
        putIfPresent(m, "dialedAt", a.dialedAt());
        putIfPresent(m, "endedAt", a.endedAt());
        putIfPresent(m, "ringSeconds", a.ringSeconds());
        return AttributeValue.fromM(m);
    }

    static int attemptOf(Map<String, AttributeValue> item) {
        return (int) number(item, ATTEMPT, 1);
    }

    static List<CallAttempt> attempts(Map<String, AttributeValue> item) {
        AttributeValue list = item.get(ATTEMPTS);
        if (list == null || !list.hasL()) {
            return List.of();
        }
        List<CallAttempt> attempts = new ArrayList<>();
        for (AttributeValue element : list.l()) {
            Map<String, AttributeValue> m = element.m();
            String disposition = string(m, "disposition");
            Integer code = integer(m, "hangupCauseCode");
            attempts.add(new CallAttempt((int) number(m, ATTEMPT, 0), CallStatus.valueOf(string(m, "status")),
                    disposition == null ? null : Disposition.valueOf(disposition),
                    code == null ? null : new HangupCause(code, string(m, "hangupCauseText")),
                    instant(m, "dialedAt"), instant(m, "endedAt"), integer(m, "ringSeconds")));
        }
        return attempts;
    }

    /** Null when the item keeps no policy. */
    static RetryPolicy policy(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(RETRY);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        Set<RetryOutcome> on = EnumSet.noneOf(RetryOutcome.class);
        if (m.containsKey("on")) {
            m.get("on").l().forEach(name -> on.add(RetryOutcome.valueOf(name.s())));
        }
        return new RetryPolicy(on, (int) number(m, "maxAttempts", 1), (int) number(m, "delaySeconds",
                RetryPolicy.MIN_DELAY_SECONDS));
    }
}
