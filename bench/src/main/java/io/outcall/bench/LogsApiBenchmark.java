package io.outcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.phone.InvalidPhoneNumberException;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import io.outcall.core.store.CallItems;
import io.outcall.core.store.StatsItems;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.calllog.CallStatsHandler;
import io.outcall.functions.calllog.ListCallsHandler;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * bench/logs-api: the read side of the call log ({@code GET /calls}) and of statistics
 * ({@code GET /calls/stats}) with 100,000 calls in the CallsTable, measured through the real Lambda
 * handlers ({@link ListCallsHandler}, {@link CallStatsHandler}) called in-process.
 *
 * <p>DynamoDB Local and ElasticMQ run in this JVM with template.yaml's tables and queues. The seed:
 * one big tenant ({@value #BIG_TENANT}, 60,000 calls over the last 90 days) and the rest spread over
 * 20 smaller tenants, weighted to each tenant's business hours, with a realistic mix of outcomes,
 * numbers (a few numbers called again and again, most once or twice) and journeys. Every call gets a
 * time-ordered id made from its creation time ({@link CallId} on a fixed clock) and is written as
 * {@link CallItems#toItem} makes it, with BatchWriteItem (25 a request, several threads). Statistics
 * counters are what the production increments would have summed to: per tenant and UTC hour and
 * day, {@link CountedCall#of(Call)} added to a {@link StatsBucket} in memory, then one PutItem of
 * {@link StatsItems#toItem} per bucket.
 *
 * <p>The handlers get their own DynamoDbClient with an {@link ExecutionInterceptor} that counts what
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
    private static final String CALLS_TABLE = "CallsTable";
    private static final String STATS_TABLE = "CallStatsTable";
    private static final String CURSOR_KEY = "logs-api-benchmark-cursor-key-not-a-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options o;
    private final Instant now;

    private LogsApiBenchmark(Options o, Instant now) {
        this.o = o;
        this.now = now;
    }

    public static void main(String[] args) {
        int exit = 0;
        try {
            run(Options.parse(args));
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

    private static void run(Options o) throws Exception {
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + loadAverage() + "; java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        long started = System.nanoTime();
        LocalServices local = LocalServices.startInMemory();
        System.out.printf(Locale.ROOT, "local services up in %d ms: DynamoDB Local %s, ElasticMQ %s%n",
                millis(started), local.dynamoDbServer().endpoint(), local.sqsServer().endpoint());
        LogsApiBenchmark bench = new LogsApiBenchmark(o, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Seeded seeded = bench.seed(local.dynamoDb());
        List<String> summary = bench.measure(local, seeded);
        summary.forEach(System.out::println);
    }

    // ------------------------------------------------------------------------------------------------
    // Seeding

    /** What the measurements need to know about the seed, to check the answers. */
    record Seeded(String newestCallId, String hotNumber, int hotNumberCalls, int hotNumberCompleted,
                  TreeMap<Instant, StatsBucket> bigTenantDays, int calls, int counterItems) {
    }

    /** A tenant as the seed sees it: when it calls, from where, whom, and for which journeys. */
    private record Tenant(String id, int index, int calls, int utcOffsetHours, List<String> dids, String callerName,
                          String[] freshNumbers, String[] repeatNumbers, int journeys, int ringTimeoutSeconds,
                          String context) {

        String pickNumber(SplittableRandom r) {
            // Most numbers are called once or twice; a few (callbacks, retries, test lines) over and over.
            return r.nextDouble() < 0.3 ? repeatNumbers[r.nextInt(repeatNumbers.length)]
                    : freshNumbers[r.nextInt(freshNumbers.length)];
        }
    }

    private Seeded seed(DynamoDbClient dynamoDb) throws Exception {
        SplittableRandom r = new SplittableRandom(o.seed);
        List<Tenant> tenants = tenants(r);
        System.out.printf(Locale.ROOT, "seeding %,d calls: %,d for %s over the last %d days, %,d across %d other tenants"
                        + " (%,d to %,d each); %d writer threads%n", o.calls, o.tenantCalls, BIG_TENANT, o.days,
                o.calls - o.tenantCalls, o.tenants, tenants.get(tenants.size() - 1).calls(),
                o.tenants == 0 ? 0 : tenants.get(1).calls(), o.threads);

        ThreadPoolExecutor pool = new ThreadPoolExecutor(o.threads, o.threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(o.threads * 4), new ThreadPoolExecutor.CallerRunsPolicy());
        List<Future<?>> writes = new ArrayList<>();
        AtomicLong retries = new AtomicLong();
        Map<String, TreeMap<Instant, StatsBucket>> hours = new HashMap<>();
        Map<String, TreeMap<Instant, StatsBucket>> days = new HashMap<>();
        // What the counter items hold: each bucket split over its counter shards, as final writes leave it.
        Map<CounterItem, StatsBucket> counters = new HashMap<>();
        Map<String, int[]> bigTenantNumbers = new HashMap<>(); // number -> {calls, completed}
        Map<CallStatus, Integer> statuses = new TreeMap<>();
        String newest = null;
        int written = 0;
        int live = 0;
        long seedStart = System.nanoTime();
        List<Map<String, AttributeValue>> batch = new ArrayList<>(25);
        for (Tenant tenant : tenants) {
            for (int i = 0; i < tenant.calls(); i++) {
                Instant createdAt = createdAt(tenant, r);
                String callId = new CallId(Clock.fixed(createdAt, ZoneOffset.UTC), r).next();
                Call call = call(tenant, callId, createdAt, r);
                statuses.merge(call.status(), 1, Integer::sum);
                if (call.status().isFinal()) {
                    CountedCall counted = CountedCall.of(call);
                    add(hours, tenant.id(), StatsInterval.HOUR.floor(counted.createdAt()), counted);
                    add(days, tenant.id(), StatsInterval.DAY.floor(counted.createdAt()), counted);
                    for (StatsInterval interval : StatsInterval.values()) {
                        Instant start = interval.floor(counted.createdAt());
                        counters.merge(new CounterItem(tenant.id(), interval, start, StatsItems.shardOf(callId)),
                                StatsBucket.empty(start).plus(counted), StatsBucket::plus);
                    }
                } else {
                    live++;
                }
                if (tenant.id().equals(BIG_TENANT)) {
                    if (newest == null || callId.compareTo(newest) > 0) {
                        newest = callId;
                    }
                    int[] n = bigTenantNumbers.computeIfAbsent(call.to(), k -> new int[2]);
                    n[0]++;
                    if (call.status() == CallStatus.COMPLETED) {
                        n[1]++;
                    }
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

        long statsStart = System.nanoTime();
        List<Future<?>> puts = new ArrayList<>();
        int counterItems = 0;
        List<Map<String, AttributeValue>> chunk = new ArrayList<>();
        for (Map.Entry<CounterItem, StatsBucket> counter : counters.entrySet()) {
            CounterItem key = counter.getKey();
            chunk.add(StatsItems.toItem(key.tenantId(), key.interval(), counter.getValue(), key.shard()));
            counterItems++;
            if (chunk.size() == 50) {
                List<Map<String, AttributeValue>> items = chunk;
                puts.add(pool.submit(() -> items.forEach(item -> dynamoDb.putItem(b -> b.tableName(STATS_TABLE).item(item)))));
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            List<Map<String, AttributeValue>> items = chunk;
            puts.add(pool.submit(() -> items.forEach(item -> dynamoDb.putItem(b -> b.tableName(STATS_TABLE).item(item)))));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        pool.shutdown();
        int hourItems = hours.values().stream().mapToInt(Map::size).sum();
        int dayItems = days.values().stream().mapToInt(Map::size).sum();
        System.out.printf(Locale.ROOT, "seeded %,d counter items (%d shards of %,d hourly, %,d daily buckets; %s: %,d hourly,"
                        + " %,d daily buckets) with PutItem"
                        + " in %.1f s%n", counterItems, StatsItems.SHARDS, hourItems, dayItems, BIG_TENANT, hours.get(BIG_TENANT).size(),
                days.get(BIG_TENANT).size(), seconds(statsStart));
        System.out.printf(Locale.ROOT, "seeding took %.1f s in all%n", seconds(seedStart));

        // The number of the two-filter page: the big tenant's most called number that the API accepts.
        PhoneNumbers phones = new PhoneNumbers();
        String hot = null;
        int[] hotCounts = null;
        List<Map.Entry<String, int[]>> byCalls = new ArrayList<>(bigTenantNumbers.entrySet());
        byCalls.sort((a, b) -> b.getValue()[0] != a.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        for (Map.Entry<String, int[]> e : byCalls) {
            try {
                if (phones.toE164(e.getKey(), null).equals(e.getKey())) {
                    hot = e.getKey();
                    hotCounts = e.getValue();
                    break;
                }
            } catch (InvalidPhoneNumberException invalid) {
                // not one a client could ask for; take the next
            }
        }
        if (hot == null) {
            throw new IllegalStateException("no seeded number of " + BIG_TENANT + " is a valid E.164 number");
        }
        int[] distribution = bigTenantNumbers.values().stream().mapToInt(c -> c[0]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s dialed %,d distinct numbers (median %d calls each, max %d); the most called, %s,"
                        + " has %d calls, %d COMPLETED%n", BIG_TENANT, distribution.length,
                distribution[distribution.length / 2], distribution[distribution.length - 1], hot, hotCounts[0], hotCounts[1]);
        return new Seeded(newest, hot, hotCounts[0], hotCounts[1], days.get(BIG_TENANT), written, counterItems);
    }

    /** One counter item: a tenant's bucket of one interval, one of its counter shards. */
    private record CounterItem(String tenantId, StatsInterval interval, Instant start, int shard) {
    }

    private static void add(Map<String, TreeMap<Instant, StatsBucket>> buckets, String tenantId, Instant start,
                            CountedCall counted) {
        buckets.computeIfAbsent(tenantId, k -> new TreeMap<>())
                .compute(start, (k, bucket) -> (bucket == null ? StatsBucket.empty(start) : bucket).plus(counted));
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

    /** The big tenant first, then the others with shares falling off (a few larger, many small). */
    private List<Tenant> tenants(SplittableRandom r) {
        List<Tenant> tenants = new ArrayList<>();
        tenants.add(tenant(0, BIG_TENANT, o.tenantCalls, -5, 30_000, 500, 8, r));
        double[] weights = new double[o.tenants];
        double sum = 0;
        for (int i = 0; i < o.tenants; i++) {
            weights[i] = 1 / Math.pow(i + 1, 0.8);
            sum += weights[i];
        }
        int rest = o.calls - o.tenantCalls;
        int assigned = 0;
        int[] offsets = {-8, -7, -6, -5, -4, -3, 0, 1, 2, 3, 5, 8, 9, 10};
        for (int i = 0; i < o.tenants; i++) {
            int calls = i == o.tenants - 1 ? rest - assigned : (int) Math.round(rest * weights[i] / sum);
            assigned += calls;
            int fresh = Math.max(50, (int) (calls * 0.7 / 1.4));
            int repeat = Math.max(5, calls / 60);
            tenants.add(tenant(i + 1, String.format(Locale.ROOT, "tenant-%02d", i + 1), calls,
                    offsets[r.nextInt(offsets.length)], fresh, repeat, 1 + r.nextInt(6), r));
        }
        return tenants;
    }

    private static final String[] AREA_CODES = {"404", "470", "678", "770", "312", "773", "415", "212", "646", "305",
            "713", "206", "617", "303", "602", "503"};
    private static final String[] CONTEXTS = {"DynamicIVR", "Survey", "Reminder", "Collections"};

    private static Tenant tenant(int index, String id, int calls, int utcOffsetHours, int fresh, int repeat, int journeys,
                                 SplittableRandom r) {
        List<String> dids = new ArrayList<>();
        int didCount = 1 + r.nextInt(4);
        for (int i = 0; i < didCount; i++) {
            dids.add(number(r));
        }
        String[] freshNumbers = new String[fresh];
        Arrays.setAll(freshNumbers, i -> number(r));
        String[] repeatNumbers = new String[repeat];
        Arrays.setAll(repeatNumbers, i -> number(r));
        return new Tenant(id, index, calls, utcOffsetHours, dids, index == 0 ? "Bench Corp" : "Tenant " + index,
                freshNumbers, repeatNumbers, journeys, r.nextInt(4) == 0 ? 45 : 30, CONTEXTS[r.nextInt(CONTEXTS.length)]);
    }

    /** A US number of a real area code with a dialable exchange (no N11, 555, 950, 958, 959, 976). */
    private static String number(SplittableRandom r) {
        while (true) {
            int exchange = 200 + r.nextInt(800);
            if (exchange % 100 == 11 || exchange == 555 || exchange == 950 || exchange == 958 || exchange == 959
                    || exchange == 976) {
                continue;
            }
            return String.format(Locale.ROOT, "+1%s%03d%04d", AREA_CODES[r.nextInt(AREA_CODES.length)], exchange,
                    r.nextInt(10_000));
        }
    }

    /** A creation time in the last {@code days} days, weighted to the tenant's business hours and weekdays. */
    private Instant createdAt(Tenant tenant, SplittableRandom r) {
        long spanMillis = Duration.ofDays(o.days).toMillis();
        while (true) {
            Instant at = now.minusMillis(1 + r.nextLong(spanMillis));
            LocalDateTime local = LocalDateTime.ofInstant(at, ZoneOffset.ofHours(tenant.utcOffsetHours()));
            int hour = local.getHour();
            double weight = hour >= 9 && hour < 17 ? 1.0
                    : hour == 8 || hour == 17 || hour == 18 ? 0.5
                    : hour == 7 || hour == 19 || hour == 20 ? 0.15 : 0.03;
            DayOfWeek day = local.getDayOfWeek();
            weight *= day == DayOfWeek.SATURDAY ? 0.25 : day == DayOfWeek.SUNDAY ? 0.1 : 1.0;
            if (r.nextDouble() < weight) {
                return at;
            }
        }
    }

    /**
     * A call as the bridge leaves it. Its timeline is drawn in full; when the call would end after
     * now, it is still live and keeps only what happened by now (so the newest calls may be
     * QUEUED, DIALING, RINGING or ANSWERED, and are not counted in statistics).
     */
    private Call call(Tenant t, String callId, Instant createdAt, SplittableRandom r) {
        String to = t.pickNumber(r);
        int didIndex = r.nextInt(t.dids().size());
        JourneyRef journey = null;
        Map<String, String> variables = new LinkedHashMap<>();
        if (r.nextDouble() < 0.45) {
            String journeyId = "journey-" + t.index() + "-" + (1 + r.nextInt(t.journeys()));
            journey = new JourneyRef(journeyId, "exec-" + Long.toHexString(r.nextLong()), "call-" + (1 + r.nextInt(3)));
            variables.put("campaign", journeyId);
        } else if (r.nextDouble() < 0.4) {
            variables.put("ticket", "T-" + (100_000 + r.nextInt(900_000)));
        }
        if (r.nextDouble() < 0.3) {
            variables.put("language", r.nextDouble() < 0.8 ? "en" : "es");
        }
        String idempotencyKey = r.nextDouble() < 0.6 ? Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()) : null;
        String transfer = t.context().equals("DynamicIVR") ? t.dids().get(0) : null;

        CallStatus status;
        Disposition disposition;
        HangupCause cause = null;
        String failureReason = null;
        Instant dialed = null;
        Instant ringing = null;
        Instant answered = null;
        Instant ended;
        Instant cancelRequested = null;
        Integer ringSeconds = null;
        Integer talkSeconds = null;
        String channel = null;
        double u = r.nextDouble();
        if (u < 0.005) {
            status = CallStatus.FAILED;
            disposition = Disposition.FAILED;
            failureReason = "QUEUE_UNAVAILABLE: the call could not be queued for dialing";
            ended = createdAt.plusMillis(40 + r.nextInt(300));
        } else if (u < 0.035) {
            status = CallStatus.CANCELED;
            disposition = Disposition.CANCELED;
            cancelRequested = createdAt.plusMillis(300 + r.nextInt(20_000));
            ended = cancelRequested;
        } else {
            // Usually dialed within half a second; now and then behind a backlog.
            dialed = createdAt.plusMillis(60 + r.nextInt(500) + (r.nextDouble() < 0.05 ? r.nextInt(60_000) : 0));
            channel = String.format(Locale.ROOT, "PJSIP/carrier-%08x", r.nextInt());
            Instant rings = dialed.plusMillis(800 + r.nextInt(2_700));
            if (u < 0.075) {
                status = CallStatus.CANCELED;
                disposition = Disposition.CANCELED;
                cause = new HangupCause(16, "Normal Clearing");
                ringing = rings;
                ringSeconds = 2 + r.nextInt(t.ringTimeoutSeconds() - 4);
                ended = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(1000));
                cancelRequested = ended.minusMillis(150 + r.nextInt(400));
            } else if (u < 0.595) {
                status = CallStatus.COMPLETED;
                disposition = Disposition.ANSWERED;
                cause = new HangupCause(16, "Normal Clearing");
                ringing = rings;
                ringSeconds = Math.min(t.ringTimeoutSeconds() - 1, 2 + (int) exponential(r, 7));
                answered = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(1000));
                double talk = r.nextDouble();
                talkSeconds = talk < 0.2 ? 1 + r.nextInt(10)
                        : talk < 0.9 ? 10 + (int) exponential(r, 70) : 300 + (int) exponential(r, 400);
                talkSeconds = Math.min(talkSeconds, 3_600);
                ended = answered.plusSeconds(talkSeconds).plusMillis(r.nextInt(1000));
            } else if (u < 0.835) {
                status = CallStatus.NO_ANSWER;
                disposition = Disposition.NO_ANSWER;
                cause = new HangupCause(19, "User alerting, no answer");
                ringing = rings;
                ringSeconds = t.ringTimeoutSeconds() - r.nextInt(2);
                ended = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(300));
            } else if (u < 0.915) {
                status = CallStatus.BUSY;
                disposition = Disposition.BUSY;
                cause = new HangupCause(17, "User busy");
                if (r.nextDouble() < 0.4) {
                    ringing = rings;
                    ringSeconds = 1 + r.nextInt(6);
                    ended = ringing.plusSeconds(ringSeconds).plusMillis(r.nextInt(500));
                } else {
                    ended = dialed.plusMillis(500 + r.nextInt(3_000));
                }
            } else if (u < 0.955) {
                status = CallStatus.FAILED;
                disposition = Disposition.CONGESTION;
                cause = new HangupCause(34, "Circuit/channel congestion");
                ended = dialed.plusMillis(200 + r.nextInt(2_000));
            } else {
                status = CallStatus.FAILED;
                disposition = Disposition.FAILED;
                double which = r.nextDouble();
                cause = which < 0.7 ? new HangupCause(1, "Unallocated (unassigned) number")
                        : which < 0.9 ? new HangupCause(21, "Call Rejected")
                        : new HangupCause(28, "Invalid number format (address incomplete)");
                ended = dialed.plusMillis(200 + r.nextInt(1_500));
            }
        }
        long version = 2 + (dialed == null ? 0 : 1) + (ringing == null ? 0 : 1) + (answered == null ? 0 : 1);
        if (ended.isAfter(now)) {
            // Still live: keep what happened by now.
            disposition = null;
            cause = null;
            failureReason = null;
            if (cancelRequested != null && cancelRequested.isAfter(now)) {
                cancelRequested = null;
            }
            if (answered != null && !answered.isAfter(now)) {
                status = CallStatus.ANSWERED;
                talkSeconds = null;
                version = 4;
            } else if (ringing != null && !ringing.isAfter(now)) {
                status = CallStatus.RINGING;
                answered = null;
                ringSeconds = null;
                talkSeconds = null;
                version = 3;
            } else if (dialed != null && !dialed.isAfter(now)) {
                status = CallStatus.DIALING;
                ringing = null;
                answered = null;
                ringSeconds = null;
                talkSeconds = null;
                version = 2;
            } else {
                status = CallStatus.QUEUED;
                dialed = null;
                ringing = null;
                answered = null;
                ringSeconds = null;
                talkSeconds = null;
                channel = null;
                version = 1;
            }
            ended = null;
        }
        return new Call(callId, t.id(), to, t.dids().get(didIndex), "did-" + (didIndex + 1), t.callerName(), transfer,
                t.context(), variables, t.ringTimeoutSeconds(), status, disposition, cause, failureReason, createdAt,
                dialed, ringing, answered, ended, cancelRequested, ringSeconds, talkSeconds, journey, idempotencyKey,
                channel, version);
    }

    private static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    // ------------------------------------------------------------------------------------------------
    // Measuring

    /** One measurement's figures. */
    record Result(String label, String query, int timed, double medianMs, double p90Ms, double minMs, double maxMs,
                  long itemsRead, long itemsReadMax, long dynamoRequests, int answerBytes, String answer) {

        static final String HEADER = String.format(Locale.ROOT, "    %-40s %9s %9s %9s %9s %10s %8s %9s  %s",
                "", "median", "p90", "min", "max", "items read", "requests", "size", "answer");

        String describe() {
            String items = itemsRead == itemsReadMax ? Long.toString(itemsRead) : itemsRead + "-" + itemsReadMax;
            return String.format(Locale.ROOT, "    %-40s %6.1f ms %6.1f ms %6.1f ms %6.1f ms %10s %8d %,7d B  %s (n=%d)",
                    label, medianMs, p90Ms, minMs, maxMs, items, dynamoRequests, answerBytes, answer, timed);
        }
    }

    /** A request: handled in-process, checked for a 200 and its answer described. */
    private interface Endpoint {
        ApiResponse handle(ApiRequest request);
    }

    private List<String> measure(LocalServices local, Seeded seeded) throws IOException {
        ItemsReadCounter counter = new ItemsReadCounter();
        // The handlers' own client, as LocalAws builds one, plus the counting interceptor.
        DynamoDbClient counted = DynamoDbClient.builder()
                .endpointOverride(local.dynamoDbServer().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter))
                .build();
        FunctionConfig config = new FunctionConfig(Region.US_EAST_1, CALLS_TABLE, "TenantsTable", "IdempotencyTable",
                "CallEventsTable", STATS_TABLE, local.queueUrl("OriginateQueue"), "tenant_id", CURSOR_KEY, null, null);
        ReadWiring wiring = ReadWiring.of(config, counted);
        ListCallsHandler listHandler = new ListCallsHandler(wiring);
        CallStatsHandler statsHandler = new CallStatsHandler(wiring);
        Endpoint list = listHandler::handle;
        Endpoint stats = statsHandler::handle;

        System.out.println();
        System.out.printf(Locale.ROOT, "measuring through ListCallsHandler and CallStatsHandler in-process (%d warm-up"
                + " requests then %d timed for the headline figures; load average %s)%n", o.warmUp, o.repetitions, loadAverage());
        List<Result> results = new ArrayList<>();

        // GET /calls: the first page, no filters.
        Result page = time("first page, no filter", list, "/calls", Map.of(), o.warmUp, o.repetitions, counter,
                body -> {
                    JsonNode calls = body.path("calls");
                    require(calls.size() == 25, "the first page has " + calls.size() + " calls, not 25");
                    require(calls.get(0).path("callId").asText().equals(seeded.newestCallId()),
                            "the first page does not start with the newest call " + seeded.newestCallId());
                    require(body.hasNonNull("nextCursor"), "the first page has no nextCursor");
                    return calls.size() + " calls, newest first, nextCursor";
                });
        results.add(page);

        // A page deep in the list: follow nextCursor, then time that page.
        String cursor = null;
        for (int i = 0; i < o.deepPages; i++) {
            Map<String, String> params = cursor == null ? Map.of() : Map.of("cursor", cursor);
            JsonNode body = call(list, "/calls", params);
            cursor = body.path("nextCursor").asText(null);
            require(cursor != null, "page " + (i + 1) + " has no nextCursor");
        }
        int deepPage = o.deepPages + 1;
        results.add(time(String.format(Locale.ROOT, "page %d (cursor after %,d calls)", deepPage, o.deepPages * 25), list,
                "/calls", Map.of("cursor", cursor), Math.min(5, o.warmUp), Math.max(10, o.repetitions / 2), counter,
                body -> {
                    require(body.path("calls").size() == 25, "page " + deepPage + " has " + body.path("calls").size() + " calls");
                    return body.path("calls").size() + " calls, created " + body.path("calls").get(0).path("createdAt").asText()
                            .substring(0, 10);
                }));

        results.add(time("first page, status=COMPLETED", list, "/calls", Map.of("status", "COMPLETED"), Math.min(5, o.warmUp),
                Math.max(10, o.repetitions / 2), counter, body -> {
                    JsonNode calls = body.path("calls");
                    require(calls.size() == 25, "the COMPLETED page has " + calls.size() + " calls");
                    for (JsonNode c : calls) {
                        require(c.path("status").asText().equals("COMPLETED"), "the COMPLETED page holds a " + c.path("status"));
                    }
                    return calls.size() + " calls, all COMPLETED";
                }));

        int expected = Math.min(25, seeded.hotNumberCompleted());
        results.add(time("status=COMPLETED&number=" + seeded.hotNumber(), list, "/calls",
                Map.of("status", "COMPLETED", "number", seeded.hotNumber()), Math.min(5, o.warmUp),
                Math.max(10, o.repetitions / 2), counter, body -> {
                    JsonNode calls = body.path("calls");
                    require(calls.size() == expected, "the two-filter page has " + calls.size() + " calls, expected " + expected);
                    for (JsonNode c : calls) {
                        require(c.path("status").asText().equals("COMPLETED") && c.path("to").asText().equals(seeded.hotNumber()),
                                "the two-filter page holds a call that does not match: " + c);
                    }
                    return String.format(Locale.ROOT, "%d calls (the number has %d calls, %d COMPLETED)%s", calls.size(),
                            seeded.hotNumberCalls(), seeded.hotNumberCompleted(), body.hasNonNull("nextCursor") ? ", nextCursor" : "");
                }));

        // GET /calls/stats.
        Instant to = now;
        Instant from = now.minus(Duration.ofDays(30));
        Instant dayFrom = StatsInterval.DAY.floor(from);
        Instant dayTo = StatsInterval.DAY.ceiling(to);
        long expectedCalls = seeded.bigTenantDays().subMap(dayFrom, dayTo).values().stream().mapToLong(StatsBucket::calls).sum();
        Result daily = time("stats 30 days, interval=day", stats, "/calls/stats",
                Map.of("from", from.toString(), "to", to.toString(), "interval", "day"), o.warmUp, o.repetitions, counter,
                body -> statsAnswer(body, expectedCalls));
        results.add(daily);
        results.add(time("stats 30 days, interval=hour", stats, "/calls/stats",
                Map.of("from", from.toString(), "to", to.toString(), "interval", "hour"), Math.min(5, o.warmUp),
                Math.max(10, o.repetitions / 2), counter, body -> statsAnswer(body, -1)));
        // 92 whole UTC days, the longest range the API takes (now-92d..now would widen to 93 days).
        Instant longTo = StatsInterval.DAY.ceiling(now);
        Instant longFrom = longTo.minus(Duration.ofDays(92));
        long expectedLong = seeded.bigTenantDays().subMap(longFrom, longTo).values().stream().mapToLong(StatsBucket::calls).sum();
        results.add(time("stats 92 days, interval=day", stats, "/calls/stats",
                Map.of("from", longFrom.toString(), "to", longTo.toString(), "interval", "day"), Math.min(5, o.warmUp),
                Math.max(10, o.repetitions / 2), counter, body -> statsAnswer(body, expectedLong)));

        List<String> summary = new ArrayList<>();
        summary.add("");
        summary.add(String.format(Locale.ROOT, "report: %,d calls (%,d for %s), %,d counter items; DynamoDB Local in this JVM;"
                        + " load average %s", seeded.calls(), o.tenantCalls, BIG_TENANT, seeded.counterItems(), loadAverage()));
        summary.add(Result.HEADER);
        summary.add("  GET /calls, " + BIG_TENANT + ", limit 25");
        results.subList(0, 4).forEach(result -> summary.add(result.describe()));
        summary.add("  GET /calls/stats, " + BIG_TENANT);
        results.subList(4, results.size()).forEach(result -> summary.add(result.describe()));
        summary.add("  median/p90/min/max: handler call to response, in-process, over n timed requests; items read: what"
                + " DynamoDB read for one request");
        summary.add("  (ScannedCount seen by an SDK interceptor on the handlers' client; a range where the timed requests"
                + " differed); requests: DynamoDB requests per API request; size: the response body");
        summary.add(String.format(Locale.ROOT, "logs page_ms=%s page_items_read=%d stats_ms=%s stats_items_read=%d",
                figure(page.medianMs()), page.itemsRead(), figure(daily.medianMs()), daily.itemsRead()));
        return summary;
    }

    private static String statsAnswer(JsonNode body, long expectedCalls) {
        long calls = body.path("total").path("calls").asLong(-1);
        if (expectedCalls >= 0) {
            require(calls == expectedCalls, "statistics total " + calls + " calls; the seed counted " + expectedCalls);
        }
        return String.format(Locale.ROOT, "%d buckets, %,d calls%s", body.path("buckets").size(), calls,
                expectedCalls >= 0 ? " (= seed)" : "");
    }

    private interface Check {
        String describe(JsonNode body);
    }

    private Result time(String label, Endpoint endpoint, String path, Map<String, String> params, int warmUp, int timed,
                        ItemsReadCounter counter, Check check) throws IOException {
        for (int i = 0; i < warmUp; i++) {
            call(endpoint, path, params);
        }
        double[] ms = new double[timed];
        long minItems = Long.MAX_VALUE;
        long maxItems = 0;
        long requests = 0;
        ApiResponse last = null;
        for (int i = 0; i < timed; i++) {
            ApiRequest request = request(path, params, "timed-" + i);
            counter.reset();
            long start = System.nanoTime();
            ApiResponse response = endpoint.handle(request);
            ms[i] = (System.nanoTime() - start) / 1e6;
            requireOk(response, path, params);
            minItems = Math.min(minItems, counter.items.get());
            maxItems = Math.max(maxItems, counter.items.get());
            requests = Math.max(requests, counter.requests.get());
            last = response;
        }
        String answer = check.describe(JSON.readTree(last.body()));
        Arrays.sort(ms);
        Result result = new Result(label, params.toString(), timed, median(ms), ms[(int) Math.ceil(0.9 * ms.length) - 1],
                ms[0], ms[ms.length - 1], minItems, maxItems, requests, last.body().length(), answer);
        System.out.printf(Locale.ROOT, "  %-40s median %.1f ms, items read %s%n", label, result.medianMs(),
                minItems == maxItems ? Long.toString(minItems) : minItems + "-" + maxItems);
        return result;
    }

    private static JsonNode call(Endpoint endpoint, String path, Map<String, String> params) throws IOException {
        ApiResponse response = endpoint.handle(request(path, params, "warm-up"));
        requireOk(response, path, params);
        return JSON.readTree(response.body());
    }

    private static ApiRequest request(String path, Map<String, String> params, String requestId) {
        return new ApiRequest("GET", path, Map.of(), Map.of(), new HashMap<>(params), Map.of("tenant_id", BIG_TENANT),
                new byte[0], requestId);
    }

    private static void requireOk(ApiResponse response, String path, Map<String, String> params) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " " + params + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * Counts what DynamoDB read for the handlers: ScannedCount of every Query and Scan (items
     * evaluated, filtered out or not), 1 for a GetItem that found its item, the items of a BatchGetItem.
     */
    static final class ItemsReadCounter implements ExecutionInterceptor {
        final AtomicLong items = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final Map<String, AtomicLong> operations = new java.util.concurrent.ConcurrentHashMap<>();

        void reset() {
            items.set(0);
            requests.set(0);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            requests.incrementAndGet();
            operations.computeIfAbsent(String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)),
                    k -> new AtomicLong()).incrementAndGet();
            SdkResponse response = context.response();
            switch (response) {
                case QueryResponse q -> items.addAndGet(q.scannedCount() == null ? q.count() : q.scannedCount());
                case ScanResponse s -> items.addAndGet(s.scannedCount() == null ? s.count() : s.scannedCount());
                case GetItemResponse g -> items.addAndGet(g.hasItem() && !g.item().isEmpty() ? 1 : 0);
                case BatchGetItemResponse b -> items.addAndGet(b.responses().values().stream().mapToLong(List::size).sum());
                default -> {
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Small things

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Milliseconds with one decimal (whole numbers without). */
    private static String figure(double ms) {
        double rounded = Math.round(ms * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
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

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private record Options(int calls, int tenantCalls, int tenants, int days, int repetitions, int warmUp, int threads,
                           int deepPages, long seed) {

        static Options parse(String[] args) {
            Map<String, String> opts = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--") && i + 1 < args.length) {
                    opts.put(args[i], args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i] + "; use [--calls N] [--tenant-calls N]"
                            + " [--tenants N] [--days N] [--repetitions N] [--warm-up N] [--threads N] [--deep-pages N] [--seed N]");
                }
            }
            Options o = new Options(integer(opts, "--calls", 100_000), integer(opts, "--tenant-calls", 60_000),
                    integer(opts, "--tenants", 20), integer(opts, "--days", 90), integer(opts, "--repetitions", 50),
                    integer(opts, "--warm-up", 20), integer(opts, "--threads", 4), integer(opts, "--deep-pages", 40),
                    Long.parseLong(opts.getOrDefault("--seed", "20261124")));
            opts.remove("--seed");
            if (!opts.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + opts.keySet());
            }
            require(o.tenantCalls >= 1_100 && o.tenantCalls <= o.calls, "--tenant-calls must be 1100 to --calls"
                    + " (the deep page and a full first page need them)");
            require(o.tenants >= 1 && o.calls - o.tenantCalls >= o.tenants, "--tenants must be at least 1, with a call each");
            require(o.days >= 31 && o.days <= 92, "--days must be 31 to 92");
            require(o.repetitions >= 1 && o.warmUp >= 0 && o.threads >= 1, "--repetitions and --threads must be positive");
            require(o.deepPages >= 1 && (o.deepPages + 1) * 25 <= o.tenantCalls, "--deep-pages must fit in --tenant-calls");
            return o;
        }

        private static int integer(Map<String, String> opts, String name, int absent) {
            String value = opts.remove(name);
            return value == null ? absent : Integer.parseInt(value.replace("_", "").replace(",", ""));
        }
    }
}
