package io.outcall.core.stats;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's statistics counters. They are written only together with the write that makes a
 * call final (see {@code CallStore}), so every final call is counted exactly once.
 */
public interface CallStatsStore {

    /**
     * The buckets with any calls in {@code [from, to)}, oldest first, one per bucket however many
     * items hold its counters; empty buckets are not stored.
     */
    StatsRead read(String tenantId, StatsInterval interval, Instant from, Instant to);

    /** @param itemsRead how many counter items the read cost */
    record StatsRead(List<StatsBucket> buckets, int itemsRead) {
    }
}
