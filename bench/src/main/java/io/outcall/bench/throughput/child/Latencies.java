package io.outcall.bench.throughput.child;

import io.outcall.core.call.CallStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enqueue-to-Originate latency: from the call's {@code createdAt} (when intake accepted it, just
 * before it was written and queued) to the moment Asterisk accepted its Originate (the bridge
 * calls {@link CallStore#markOriginated} from the Originate's response callback).
 */
final class Latencies {
    private record Pending(String tenant, Instant createdAt) {
    }

    private final Map<String, Pending> claimed = new ConcurrentHashMap<>();
    private final Map<String, LongList> byTenant = new ConcurrentHashMap<>();

    void claimed(String callId, String tenant, Instant createdAt) {
        if (createdAt != null) {
            claimed.put(callId, new Pending(tenant, createdAt));
        }
    }

    void originated(String callId, Instant at) {
        Pending p = claimed.remove(callId);
        if (p != null) {
            long micros = Math.max(0, (at.getEpochSecond() - p.createdAt.getEpochSecond()) * 1_000_000L
                    + (at.getNano() - p.createdAt.getNano()) / 1_000);
            byTenant.computeIfAbsent(p.tenant, t -> new LongList()).add(micros);
        }
    }

    /** p50, p99, max and count in milliseconds for one tenant's calls. */
    double[] percentiles(String tenant) {
        LongList list = byTenant.get(tenant);
        long[] values = list == null ? new long[0] : list.toArray();
        Arrays.sort(values);
        if (values.length == 0) {
            return new double[] {-1, -1, -1, 0};
        }
        return new double[] {values[index(values.length, 0.50)] / 1000.0, values[index(values.length, 0.99)] / 1000.0,
                values[values.length - 1] / 1000.0, values.length};
    }

    private static int index(int n, double q) {
        return Math.min(n - 1, (int) Math.ceil(q * n) - 1);
    }
}
