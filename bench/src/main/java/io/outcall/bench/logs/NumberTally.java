package io.outcall.bench.logs;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.phone.InvalidPhoneNumberException;
import io.outcall.core.phone.PhoneNumbers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The big tenant's calls per number dialed, for the two-filter page: its most called number that the API accepts. */
final class NumberTally {

    /** A number, its calls, and how many of them COMPLETED. */
    record Hot(String number, int calls, int completed) {
    }

    private final Map<String, int[]> byNumber = new HashMap<>(); // number -> {calls, completed}

    void add(Call call) {
        int[] n = byNumber.computeIfAbsent(call.to(), k -> new int[2]);
        n[0]++;
        if (call.status() == CallStatus.COMPLETED) {
            n[1]++;
        }
    }

    Hot hottest() {
        PhoneNumbers phones = new PhoneNumbers();
        List<Map.Entry<String, int[]>> byCalls = new ArrayList<>(byNumber.entrySet());
        byCalls.sort((a, b) -> b.getValue()[0] != a.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        for (Map.Entry<String, int[]> e : byCalls) {
            try {
                if (phones.toE164(e.getKey(), null).equals(e.getKey())) {
                    Hot hot = new Hot(e.getKey(), e.getValue()[0], e.getValue()[1]);
                    describe(hot);
                    return hot;
                }
            } catch (InvalidPhoneNumberException invalid) {
                // not one a client could ask for; take the next
            }
        }
        throw new IllegalStateException("no seeded number of " + LogsApiBenchmark.BIG_TENANT + " is a valid E.164 number");
    }

    private void describe(Hot hot) {
        int[] distribution = byNumber.values().stream().mapToInt(c -> c[0]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s dialed %,d distinct numbers (median %d calls each, max %d); the most called, %s,"
                        + " has %d calls, %d COMPLETED%n", LogsApiBenchmark.BIG_TENANT, distribution.length,
                distribution[distribution.length / 2], distribution[distribution.length - 1], hot.number(), hot.calls(),
                hot.completed());
    }
}
