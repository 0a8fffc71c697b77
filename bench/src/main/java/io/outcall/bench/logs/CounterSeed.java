package io.outcall.bench.logs;

import io.outcall.core.dynamo.StatsItems;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The statistics counters the production increments would have summed to: per tenant and UTC hour
 * and day, {@link CountedCall#of} added to a {@link StatsBucket} in memory, then one PutItem of
 * {@link StatsItems#toItem} per bucket and counter shard, each shard holding the calls whose id
 * lands on it, as final writes leave them.
 */
final class CounterSeed {

    private final Map<String, TreeMap<Instant, StatsBucket>> hours = new HashMap<>();
    private final Map<String, TreeMap<Instant, StatsBucket>> days = new HashMap<>();
    private final Map<CounterItem, StatsBucket> items = new HashMap<>();

    void add(String tenantId, String callId, CountedCall counted) {
        add(hours, tenantId, StatsInterval.HOUR.floor(counted.createdAt()), counted);
        add(days, tenantId, StatsInterval.DAY.floor(counted.createdAt()), counted);
        for (StatsInterval interval : StatsInterval.values()) {
            Instant start = interval.floor(counted.createdAt());
            items.merge(new CounterItem(tenantId, interval, start, StatsItems.shardOf(callId)),
                    StatsBucket.empty(start).plus(counted), StatsBucket::plus);
        }
    }

    TreeMap<Instant, StatsBucket> days(String tenantId) {
        return days.get(tenantId);
    }

    /** Writes every bucket, 50 to a task; returns how many items. */
    int write(DynamoDbClient dynamoDb, String table, ExecutorService pool) throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        List<Future<?>> puts = new ArrayList<>();
        int counterItems = 0;
        List<Map<String, AttributeValue>> chunk = new ArrayList<>();
        for (Map.Entry<CounterItem, StatsBucket> counter : items.entrySet()) {
            CounterItem key = counter.getKey();
            chunk.add(StatsItems.toItem(key.tenantId(), key.interval(), counter.getValue(), key.shard()));
            counterItems++;
            if (chunk.size() == 50) {
                puts.add(put(dynamoDb, table, pool, chunk));
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            puts.add(put(dynamoDb, table, pool, chunk));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        int hourItems = hours.values().stream().mapToInt(Map::size).sum();
        int dayItems = days.values().stream().mapToInt(Map::size).sum();
        String big = LogsApiBenchmark.BIG_TENANT;
        System.out.printf(Locale.ROOT, "seeded %,d counter items (%d shards of %,d hourly, %,d daily buckets; %s: %,d hourly,"
                        + " %,d daily buckets) with PutItem in %.1f s%n", counterItems, StatsItems.SHARDS, hourItems, dayItems,
                big, hours.get(big).size(),
                days.get(big).size(), (System.nanoTime() - start) / 1e9);
        return counterItems;
    }

    private static Future<?> put(DynamoDbClient dynamoDb, String table, ExecutorService pool,
                                 List<Map<String, AttributeValue>> items) {
        return pool.submit(() -> items.forEach(item -> dynamoDb.putItem(b -> b.tableName(table).item(item))));
    }

    private static void add(Map<String, TreeMap<Instant, StatsBucket>> buckets, String tenantId, Instant start,
                            CountedCall counted) {
        buckets.computeIfAbsent(tenantId, k -> new TreeMap<>())
                .compute(start, (k, bucket) -> (bucket == null ? StatsBucket.empty(start) : bucket).plus(counted));
    }

    /** One counter item: a tenant's bucket of one interval, one of its counter shards. */
    private record CounterItem(String tenantId, StatsInterval interval, Instant start, int shard) {
    }
}
