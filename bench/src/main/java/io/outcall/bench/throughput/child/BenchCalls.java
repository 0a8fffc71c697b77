package io.outcall.bench.throughput.child;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;

import java.time.Instant;
import java.util.Map;

/** The calls every bridge-throughput run places, whoever places them (intake's stand-ins, the ingest floor). */
public final class BenchCalls {

    static final String FROM = "+14045550100";
    static final String TRANSFER = "+14045550199";

    private BenchCalls() {
    }

    /** The numbers dialed: +1555 NNNNNN d, where d picks the simulator's outcome (6: answers at once). */
    public static String number(long i, char lastDigit) {
        return "+1555" + String.format("%06d", i % 1_000_000) + lastDigit;
    }

    /** A call as intake records it: QUEUED, accepted at {@code createdAt}. */
    public static Call queued(CallId ids, String tenant, String to, String context, Instant createdAt) {
        return Call.queued(ids.next(), tenant, to, FROM, "did-main", "Bench", TRANSFER, context, Map.of(), 30,
                createdAt, null, null);
    }
}
