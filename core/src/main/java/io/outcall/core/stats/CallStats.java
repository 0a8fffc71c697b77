package io.outcall.core.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's statistics over a range: one figure set per bucket (empty buckets included, so a
 * chart has no holes) and the total, read from counters, never from the calls themselves.
 */
public final class CallStats {

    private final CallStatsStore store;

    public CallStats(CallStatsStore store) {
        this.store = store;
    }

    public Report report(String tenantId, CallStatsQuery query) {
        CallStatsStore.StatsRead read = store.read(tenantId, query.interval(), query.from(), query.to());
        Map<Instant, StatsBucket> stored = new HashMap<>();
        read.buckets().forEach(b -> stored.put(b.start(), b));
        List<StatsBucket> buckets = new ArrayList<>();
        for (Instant start = query.from(); start.isBefore(query.to()); start = query.interval().next(start)) {
            buckets.add(stored.getOrDefault(start, StatsBucket.empty(start)));
        }
        // Summed over the stored buckets only: the empty ones add nothing.
        StatsBucket total = StatsBucket.empty(query.from());
        for (StatsBucket bucket : read.buckets()) {
            total = total.plus(bucket);
        }
        return new Report(query, buckets, total, read.itemsRead());
    }

    /** @param itemsRead counter items read: per bucket that had calls, one per counter shard its calls fell in */
    public record Report(CallStatsQuery query, List<StatsBucket> buckets, StatsBucket total, int itemsRead) {
    }
}
