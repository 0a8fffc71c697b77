package io.outcall.bench.throughput.child;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls that reached a final status (written by the sink), per tenant: what a phase waits for. */
final class Done {
    private final Map<String, LongAdder> byTenant = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();

    void finished(String tenant, String status) {
        byTenant.computeIfAbsent(tenant, t -> new LongAdder()).increment();
        byStatus.computeIfAbsent(tenant + "/" + status, s -> new LongAdder()).increment();
    }

    long of(String tenant) {
        LongAdder n = byTenant.get(tenant);
        return n == null ? 0 : n.sum();
    }

    /** Final statuses of one tenant's calls. */
    Map<String, Long> statuses(String tenant) {
        Map<String, Long> out = new TreeMap<>();
        byStatus.forEach((k, v) -> {
            if (k.startsWith(tenant + "/")) {
                out.put(k.substring(tenant.length() + 1), v.sum());
            }
        });
        return out;
    }
}
