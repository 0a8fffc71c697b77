package io.outcall.bench.logs;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.dynamo.CallItems;
import io.outcall.core.stats.CountedCall;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the CallsTable and the CallStatsTable: every call as {@link CallItems#toItem} makes it, with
 * BatchWriteItem (25 a request, several threads), ids ordered by creation time ({@link CallId} on a
 * fixed clock), and the counters those calls add up to.
 */
final class Seeder {

    static final String CALLS_TABLE = "CallsTable";
    static final String STATS_TABLE = "CallStatsTable";

    private final LogsOptions o;
    private final CallGenerator calls;

    Seeder(LogsOptions o, Instant now) {
        this.o = o;
        this.calls = new CallGenerator(now, o.days());
    }

    Seeded seed(DynamoDbClient dynamoDb) throws Exception {
        SplittableRandom r = new SplittableRandom(o.seed());
        List<SeedTenant> tenants = SeedTenants.of(o, r);
        System.out.printf(Locale.ROOT, "seeding %,d calls: %,d for %s over the last %d days, %,d across %d other tenants"
                        + " (%,d to %,d each); %d writer threads%n", o.calls(), o.tenantCalls(), LogsApiBenchmark.BIG_TENANT,
                o.days(), o.calls() - o.tenantCalls(), o.tenants(), tenants.get(tenants.size() - 1).calls(),
                o.tenants() == 0 ? 0 : tenants.get(1).calls(), o.threads());

        ThreadPoolExecutor pool = new ThreadPoolExecutor(o.threads(), o.threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(o.threads() * 4), new ThreadPoolExecutor.CallerRunsPolicy());
        List<Future<?>> writes = new ArrayList<>();
        AtomicLong retries = new AtomicLong();
        CounterSeed counters = new CounterSeed();
        NumberTally numbers = new NumberTally();
        Map<CallStatus, Integer> statuses = new TreeMap<>();
        String newest = null;
        int written = 0;
        int live = 0;
        long seedStart = System.nanoTime();
        List<Map<String, AttributeValue>> batch = new ArrayList<>(25);
        for (SeedTenant tenant : tenants) {
            for (int i = 0; i < tenant.calls(); i++) {
                Instant createdAt = calls.createdAt(tenant, r);
                String callId = new CallId(Clock.fixed(createdAt, ZoneOffset.UTC), r).next();
                Call call = calls.call(tenant, callId, createdAt, r);
                statuses.merge(call.status(), 1, Integer::sum);
                if (call.status().isFinal()) {
                    counters.add(tenant.id(), callId, CountedCall.of(call));
                } else {
                    live++;
                }
                if (tenant.id().equals(LogsApiBenchmark.BIG_TENANT)) {
                    if (newest == null || callId.compareTo(newest) > 0) {
                        newest = callId;
                    }
                    numbers.add(call);
                }
                batch.add(CallItems.toItem(call));
                if (batch.size() == 25) {
                    List<Map<String, AttributeValue>> items = batch;
                    writes.add(pool.submit(() -> writeBatch(dynamoDb, items, retries)));
                    batch = new ArrayList<>(25);
                }
                if (++written % 25_000 == 0) {
                    System.out.printf(Locale.ROOT, "  %,d calls generated, %.1f s%n", written, seconds(seedStart));
                }
            }
        }
        if (!batch.isEmpty()) {
            List<Map<String, AttributeValue>> items = batch;
            writes.add(pool.submit(() -> writeBatch(dynamoDb, items, retries)));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        double callSeconds = seconds(seedStart);
        System.out.printf(Locale.ROOT, "seeded %,d calls in %.1f s (%,.0f calls/s, %,d BatchWriteItem requests, %d unprocessed-item"
                        + " retries); statuses %s (%d still live: created in the last minutes)%n",
                written, callSeconds, written / callSeconds, writes.size(), retries.get(), statuses, live);
        int counterItems = counters.write(dynamoDb, STATS_TABLE, pool);
        pool.shutdown();
        System.out.printf(Locale.ROOT, "seeding took %.1f s in all%n", seconds(seedStart));
        NumberTally.Hot hot = numbers.hottest();
        return new Seeded(newest, hot.number(), hot.calls(), hot.completed(), counters.days(LogsApiBenchmark.BIG_TENANT),
                written, counterItems);
    }

    private static void writeBatch(DynamoDbClient dynamoDb, List<Map<String, AttributeValue>> items, AtomicLong retries) {
        Map<String, List<WriteRequest>> pending = Map.of(CALLS_TABLE, items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
                if (attempt > 20) {
                    throw new IllegalStateException("BatchWriteItem left items unprocessed 20 times in a row");
                }
                sleep(Math.min(1000, 10L << Math.min(attempt, 6)));
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
