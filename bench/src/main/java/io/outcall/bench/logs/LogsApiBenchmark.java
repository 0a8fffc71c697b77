package io.outcall.bench.logs;

import io.outcall.bench.common.Machine;
import io.outcall.localaws.LocalServices;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * bench/logs-api: the read side of the call log ({@code GET /calls}) and of statistics
 * ({@code GET /calls/stats}) with 100,000 calls in the CallsTable, measured through the real Lambda
 * handlers ({@code ListCallsHandler}, {@code CallStatsHandler}) called in-process.
 *
 * <p>DynamoDB Local and ElasticMQ run in this JVM with template.yaml's tables and queues. The seed:
 * one big tenant ({@value #BIG_TENANT}, 60,000 calls over the last 90 days) and the rest spread over
 * 20 smaller tenants, weighted to each tenant's business hours, with a realistic mix of outcomes,
 * numbers (a few numbers called again and again, most once or twice) and journeys. Every call gets a
 * time-ordered id made from its creation time ({@code CallId} on a fixed clock) and is written as
 * {@code CallItems.toItem} makes it, with BatchWriteItem (25 a request, several threads). Statistics
 * counters are what the production increments would have summed to: per tenant and UTC hour and
 * day, {@code CountedCall.of(call)} added to a {@code StatsBucket} in memory, then one PutItem of
 * {@code StatsItems.toItem} per bucket.
 *
 * <p>The handlers get their own DynamoDbClient with an {@link ItemsReadCounter} that counts what
 * DynamoDB says it read (Query's and Scan's ScannedCount, a found GetItem as 1, BatchGetItem's items),
 * so "items read" is what a request cost, not a figure the code reports about itself.
 *
 * <p>Last line: {@code logs page_ms=N page_items_read=N stats_ms=N stats_items_read=N} (the first
 * page of 25 of the big tenant without filters; 30 days of daily statistics for it).
 *
 * <p>Arguments (all optional): {@code --calls N --tenant-calls N --tenants N --days N --repetitions N
 * --warm-up N --threads N --deep-pages N --seed N}.
 */
public final class LogsApiBenchmark {

    static final String BIG_TENANT = "bench-tenant";

    private LogsApiBenchmark() {
    }

    public static void main(String[] args) {
        int exit = 0;
        try {
            run(LogsOptions.parse(args));
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("logs-api: FAILED: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        System.err.flush();
        // DynamoDB Local leaves a non-daemon job thread behind its server; nothing is left to wait for.
        System.exit(exit);
    }

    private static void run(LogsOptions o) throws Exception {
        System.out.println("machine: " + Machine.cores() + " cores, load average " + Machine.loadAverage() + "; java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        long started = System.nanoTime();
        LocalServices local = LocalServices.startInMemory();
        System.out.printf(Locale.ROOT, "local services up in %d ms: DynamoDB Local %s, ElasticMQ %s%n",
                (System.nanoTime() - started) / 1_000_000, local.dynamoDbServer().endpoint(), local.sqsServer().endpoint());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Seeded seeded = new Seeder(o, now).seed(local.dynamoDb());
        List<String> summary = new ReadMeasurements(o, now).measure(local, seeded);
        summary.forEach(System.out::println);
    }
}
