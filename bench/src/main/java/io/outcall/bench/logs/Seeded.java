package io.outcall.bench.logs;

import io.outcall.core.stats.StatsBucket;

import java.time.Instant;
import java.util.TreeMap;

/** What the measurements need to know about the seed, to check the answers. */
record Seeded(String newestCallId, String hotNumber, int hotNumberCalls, int hotNumberCompleted,
              TreeMap<Instant, StatsBucket> bigTenantDays, int calls, int counterItems) {
}
