package io.outcall.bench.scheduler;

import io.outcall.bench.common.Machine;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.dynamo.DynamoCallBatchStore;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.schedule.DueCall;
import io.outcall.core.schedule.DueCallScheduler;
import io.outcall.core.schedule.ScheduleReport;
import io.outcall.core.schedule.ScheduleSettings;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 100,000 calls SCHEDULED for the same minute, queued by one scheduler run on DynamoDB Local and
 * ElasticMQ in this JVM: how long the run takes (goal: within that minute), how many index items
 * its queries read against the calls due (goal: O(due), ratio 1), and its floor measured in the
 * same run with the same threads: the due index queried alone, and the same number of messages
 * sent with SendMessageBatch alone.
 */
public final class SchedulerBenchmark {

    private static final String TENANT = "sched";
    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant WRITE_FLOOR_MINUTE = MINUTE.plus(Duration.ofHours(1));

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(option(args, "--calls", "100000"));
        int threads = Integer.parseInt(option(args, "--threads", "8"));
        int shards = Integer.parseInt(option(args, "--shards", "8"));
        QueryItemCounter counter = new QueryItemCounter();
        try (LocalServices local = LocalServices.startInMemory()) {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(local.dynamoDbServer().endpoint())
                    .region(LocalAws.REGION).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
            SqsClient sqs = local.sqs();
            DynamoTenantStore tenants = new DynamoTenantStore(dynamoDb, "TenantsTable");
            tenants.put(new Tenant(TENANT, "Scheduled Inc", "US", List.of("DynamicIVR"), "DynamicIVR",
                    List.of(new TransferNumber("+14045550199", 1))));
            System.out.printf("scheduler: %,d calls due in the minute from %s, %d shards, %d threads (%s)%n", calls,
                    MINUTE, shards, threads, Machine.cores() + " cores, load " + Machine.loadAverage());

            long seedStart = System.nanoTime();
            seed(dynamoDb, MINUTE, calls, shards, threads);
            // As many again, due an hour later (outside the run's lookahead), for the floor of the writes.
            List<DueCall> floorCalls = seed(dynamoDb, WRITE_FLOOR_MINUTE, calls, shards, threads);
            System.out.printf("seeded %,d SCHEDULED calls and %,d for the write floor in %.1f s (BatchWriteItem; not"
                    + " measured below)%n", calls, floorCalls.size(), seconds(seedStart));

            // The first run that sees the whole minute: its clock stands the lookahead less a minute
            // before it, so it must be done that long after it starts for every call to be on time.
            Duration lookahead = ScheduleSettings.DEFAULT_LOOKAHEAD;
            Duration lead = lookahead.minusMinutes(1);
            Clock atRun = Clock.fixed(MINUTE.minus(lead), ZoneOffset.UTC);
            DynamoScheduledCalls scheduled = new DynamoScheduledCalls(dynamoDb, "CallsTable", shards);
            TimedScheduledCalls timed = new TimedScheduledCalls(scheduled);
            ScheduleSettings settings = new ScheduleSettings(shards, lookahead, calls, threads);

            counter.reset();
            long queryStart = System.nanoTime();
            List<List<DueCall>> due = queryAll(scheduled, shards, threads, MINUTE.plus(Duration.ofMinutes(1)), calls);
            double querySeconds = seconds(queryStart);
            long found = due.stream().mapToLong(List::size).sum();
            System.out.printf("floor, index alone: %,d due calls in %d queries, %.2f s%n", found, counter.queries.sum(),
                    querySeconds);

            String floorQueue = sqs.createQueue(b -> b.queueName("floor")).queueUrl();
            OriginateMessageCodec codec = new OriginateMessageCodec(Json.standard());
            List<OriginateMessage> messages = due.stream().flatMap(List::stream).map(d -> sample(d.callId())).toList();
            long sendStart = System.nanoTime();
            sendAll(new SqsOriginateQueue(sqs, floorQueue, codec), messages, threads);
            double sendSeconds = seconds(sendStart);
            System.out.printf("floor, SendMessageBatch alone: %,d messages, %.2f s%n", messages.size(), sendSeconds);

            counter.reset();
            long writeStart = System.nanoTime();
            writeAll(scheduled, floorCalls, threads, MINUTE);
            double writeSeconds = seconds(writeStart);
            System.out.printf("floor, conditional writes alone: %,d SCHEDULED -> QUEUED, %.2f s (%,d TransactWriteItems)%n",
                    floorCalls.size(), writeSeconds, counter.updates.sum());

            counter.reset();
            String queueUrl = local.queueUrl("OriginateQueue");
            DueCallScheduler scheduler = new DueCallScheduler(timed, timed.timed(new SqsOriginateQueue(sqs, queueUrl,
                    codec)), tenants, settings, atRun);
            long runStart = System.nanoTime();
            ScheduleReport report = scheduler.run();
            double runSeconds = seconds(runStart);
            System.out.println(report.logLine(Json.standard()));
            System.out.println(timed.describe(runStart));
            System.out.println("  DynamoDB requests of the run: " + counter.byRequest());
            long onQueue = queued(sqs, queueUrl);
            double floor = querySeconds + writeSeconds + sendSeconds;
            double itemsPerDue = (double) counter.queryItems.sum() / Math.max(1, report.due());
            System.out.printf("run: %,d enqueued of %,d due in %.1f s (goal: before the minute begins, %d s after the"
                            + " run starts with a %d s lookahead); %,d messages on"
                            + " the queue; index items read %,d (%.3f per due call), %,d queries, %,d other DynamoDB requests (reads and transactions)%n",
                    report.enqueued(), calls, runSeconds, lead.toSeconds(), lookahead.toSeconds(), onQueue,
                    counter.queryItems.sum(), itemsPerDue,
                    counter.queries.sum(), counter.updates.sum());
            System.out.printf("floor (index alone %.1f s + conditional writes alone %.1f s + SendMessageBatch alone %.1f s)"
                    + " %.1f s; run / floor %.1fx (load now %s)%n", querySeconds, writeSeconds, sendSeconds, floor,
                    runSeconds / floor, Machine.loadAverage());
            System.out.printf("scheduler calls=%d enqueued=%d run_s=%.1f items_per_due=%.3f floor_s=%.1f ratio=%.1f"
                            + " lead_s=%d on_time=%s%n", calls, report.enqueued(), runSeconds, itemsPerDue, floor,
                    runSeconds / floor, lead.toSeconds(),
                    runSeconds <= lead.toSeconds() && report.enqueued() == calls && onQueue == calls);
        }
    }

    /** @return the calls written, as the due index lists them */
    private static List<DueCall> seed(DynamoDbClient dynamoDb, Instant minute, int calls, int shards, int threads)
            throws Exception {
        DynamoCallBatchStore store = new DynamoCallBatchStore(dynamoDb, "CallsTable", shards);
        CallId ids = CallId.systemGenerator();
        List<Call> all = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            // Spread over the minute to the millisecond, as a campaign's calls would be.
            Instant notBefore = minute.plusMillis((long) i * 60_000 / calls);
            all.add(Call.queued(ids.next(), TENANT, "+1404555" + String.format("%04d", i % 10_000), "+14045550100",
                    "did-main", null, null, "DynamicIVR", Map.of("CONTACT", Integer.toString(i)), 30,
                    MINUTE.minus(Duration.ofDays(1)), null, null).scheduledAt(notBefore, ScheduledReason.REQUESTED));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<Call>>> parts = new ArrayList<>();
            for (int from = 0; from < calls; from += 1_000) {
                List<Call> part = all.subList(from, Math.min(calls, from + 1_000));
                parts.add(pool.submit(() -> store.createAll(part)));
            }
            for (Future<List<Call>> part : parts) {
                if (!part.get().isEmpty()) {
                    throw new IllegalStateException(part.get().size() + " calls were not written");
                }
            }
        }
        return all.stream().map(c -> new DueCall(c.callId(), c.tenantId(), c.notBefore(), c)).toList();
    }

    /**
     * The scheduler's conditional writes (SCHEDULED -> QUEUED, a TransactWriteItems of 100 calls as
     * the index lists them), and nothing else.
     */
    private static void writeAll(DynamoScheduledCalls scheduled, List<DueCall> due, int threads, Instant at)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int from = 0; from < due.size(); from += 100) {
                List<DueCall> part = due.subList(from, Math.min(due.size(), from + 100));
                parts.add(pool.submit(() -> part.size() - scheduled.enqueueAll(part, at).size()));
            }
            for (Future<Integer> part : parts) {
                if (part.get() > 0) {
                    throw new IllegalStateException(part.get() + " floor calls did not move");
                }
            }
        }
    }

    private static List<List<DueCall>> queryAll(DynamoScheduledCalls scheduled, int shards, int threads, Instant before,
                                                int limit) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<DueCall>>> parts = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                int s = shard;
                parts.add(pool.submit(() -> scheduled.dueBefore(s, before, limit)));
            }
            List<List<DueCall>> due = new ArrayList<>();
            for (Future<List<DueCall>> part : parts) {
                due.add(part.get());
            }
            return due;
        }
    }

    private static void sendAll(SqsOriginateQueue queue, List<OriginateMessage> messages, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<OriginateMessage>>> parts = new ArrayList<>();
            for (int from = 0; from < messages.size(); from += 100) {
                List<OriginateMessage> part = messages.subList(from, Math.min(messages.size(), from + 100));
                parts.add(pool.submit(() -> queue.sendAll(part, m -> 30)));
            }
            for (Future<List<OriginateMessage>> part : parts) {
                if (!part.get().isEmpty()) {
                    throw new IllegalStateException(part.get().size() + " messages were not sent");
                }
            }
        }
    }

    /** A message the size of the scheduler's (the same call fields), for the floor. */
    private static OriginateMessage sample(String callId) {
        return OriginateMessage.of(Call.queued(callId, TENANT, "+14045550123", "+14045550100", "did-main", null,
                "+14045550199", "DynamicIVR", Map.of("CONTACT", "12345"), 30, MINUTE, null, null));
    }

    private static long queued(SqsClient sqs, String queueUrl) {
        Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String option(String[] args, String name, String absent) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return absent;
    }
}
