package io.outcall.core.sweep;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.call.Disposition;
import io.outcall.core.dynamo.DynamoCallStatsStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoQueuedCalls;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.CallStatsQuery;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.testing.MovableClock;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweeper over DynamoDB Local and ElasticMQ with template.yaml's tables, driven by a clock the
 * test moves. A DynamoDB Local of its own, with fresh tables per test: the sweeper looks at every
 * QUEUED call of the table, whoever wrote it.
 */
class QueuedCallSweeperTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(10);
    private static final String TENANT = "tenant-sweep";

    private static LocalServices aws;
    private final MovableClock clock = new MovableClock(T0);
    private final SplittableRandom random = new SplittableRandom(7);
    private final OriginateMessageCodec codec = new OriginateMessageCodec(Json.standard());
    private DynamoCallStore store;
    private DynamoQueuedCalls queued;
    private String queueUrl;

    @BeforeAll
    static void start() {
        aws = LocalServices.startInMemory();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void freshTables() {
        aws.dynamoDb().deleteTable(b -> b.tableName("CallsTable"));
        aws.dynamoDb().deleteTable(b -> b.tableName("CallStatsTable"));
        LocalAws.createTables(aws.dynamoDb(), CloudFormationTemplate.findFromWorkingDirectory());
        store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable", 8);
        queued = new DynamoQueuedCalls(aws.dynamoDb(), "CallsTable", store);
        queueUrl = aws.sqs().createQueue(b -> b.queueName("sweep-" + UUID.randomUUID())).queueUrl();
    }

    @Test
    void aCallLeftQueuedIsEnqueuedAgainOnceItHasWaitedLongerThanTheThreshold() {
        Call call = queuedCall(T0);
        QueuedCallSweeper sweeper = sweeper(settings(3, 8, 500));

        clock.set(T0.plus(AFTER).minusSeconds(1));
        assertEquals(0, sweeper.sweep().stuck(), "not stuck yet");
        assertEquals(List.of(), receiveAll(0));

        clock.set(T0.plus(AFTER).plusSeconds(1));
        SweepReport report = sweeper.sweep();
        assertEquals(1, report.stuck());
        assertEquals(1, report.requeued());
        assertEquals(List.of(OriginateMessage.of(call)), receiveAll(1), "the message intake would have sent");
        assertEquals("1", rawItem(call).get("requeues").n());
        assertEquals(CallStatus.QUEUED, store.find(call.callId()).orElseThrow().status());

        assertEquals(0, sweeper.sweep().stuck(), "its wait starts again when it is enqueued again");
        clock.set(T0.plus(AFTER.multipliedBy(2)).plusSeconds(2));
        assertEquals(1, sweeper.sweep().requeued(), "and it is enqueued again after another threshold");
        assertEquals("2", rawItem(call).get("requeues").n());
    }

    @Test
    void aCallABridgeClaimsMeanwhileIsLeftAlone() {
        Call call = queuedCall(T0);
        // The bridge claims each call right after the sweeper found it, before the sweeper writes.
        QueuedCalls claimedMeanwhile = new QueuedCalls() {
            @Override
            public List<QueuedCall> queuedBefore(int shard, Instant before, int limit) {
                List<QueuedCall> found = queued.queuedBefore(shard, before, limit);
                found.forEach(q -> assertEquals(ClaimResult.Outcome.CLAIMED, store.claim(q.call().callId(), TENANT,
                        "bridge-1", "action-1", clock.instant()).outcome()));
                return found;
            }

            @Override
            public boolean recordRequeue(QueuedCall call, Instant at) {
                return queued.recordRequeue(call, at);
            }

            @Override
            public boolean failNeverDialed(Call call, String reason, Instant at) {
                return queued.failNeverDialed(call, reason, at);
            }
        };
        clock.set(T0.plus(AFTER).plusSeconds(1));

        SweepReport requeueing = new QueuedCallSweeper(claimedMeanwhile, queue(), settings(3, 8, 500), clock).sweep();

        assertEquals(1, requeueing.stuck());
        assertEquals(1, requeueing.movedOn());
        assertEquals(0, requeueing.requeued());
        assertEquals(List.of(), receiveAll(0), "nothing enqueued for a call a bridge took");
        assertFalse(rawItem(call).containsKey("requeues"));
        assertEquals(CallStatus.DIALING, store.find(call.callId()).orElseThrow().status());

        Call another = queuedCall(T0);
        SweepReport failing = new QueuedCallSweeper(claimedMeanwhile, queue(), settings(0, 8, 500), clock).sweep();
        assertEquals(1, failing.movedOn(), "a call past its re-enqueues that a bridge claims is not failed either");
        assertEquals(0, failing.neverDialed());
        assertEquals(CallStatus.DIALING, store.find(another.callId()).orElseThrow().status());
        assertEquals(0, statsOfHour(T0).calls(), "and nothing was counted");
    }

    @Test
    void afterItsReEnqueuesACallEndsFailedNeverDialedCountedOnceLikeAQueueUnavailableOne() {
        Call call = queuedCall(T0);
        Call unqueued = queuedCall(T0.plusSeconds(1));
        assertTrue(store.fail(unqueued, "QUEUE_UNAVAILABLE: the call could not be queued for dialing", T0.plusSeconds(2)));
        QueuedCallSweeper sweeper = sweeper(settings(2, 8, 500));

        Instant at = T0;
        for (int requeue = 1; requeue <= 2; requeue++) {
            at = at.plus(AFTER).plusSeconds(1);
            clock.set(at);
            assertEquals(1, sweeper.sweep().requeued(), "enqueue " + requeue);
        }
        assertEquals(2, receiveAll(2).size());
        at = at.plus(AFTER).plusSeconds(1);
        clock.set(at);
        SweepReport last = sweeper.sweep();

        assertEquals(1, last.neverDialed());
        assertEquals(0, last.requeued());
        Call failed = store.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.FAILED, failed.status());
        assertEquals(Disposition.FAILED, failed.disposition());
        assertTrue(failed.failureReason().startsWith("NEVER_DIALED: "), failed.failureReason());
        assertEquals(at, failed.endedAt());
        assertFalse(rawItem(call).containsKey("queuedShard"), "it left the index");
        for (Duration later : List.of(AFTER, AFTER.multipliedBy(10))) {
            clock.set(at.plus(later));
            assertEquals(0, sweeper.sweep().stuck(), "a failed call is never found again");
        }

        StatsBucket expected = StatsBucket.empty(T0).plus(CountedCall.of(failed))
                .plus(CountedCall.of(store.find(unqueued.callId()).orElseThrow()));
        assertEquals(expected, statsOfHour(T0), "counted once, exactly as a call that could not be queued");
        assertEquals(2L, statsOfHour(T0).byStatus().get(CallStatus.FAILED));
    }

    @Test
    void aYoungQueuedCallIsUntouched() {
        Call call = queuedCall(T0);
        clock.set(T0.plus(AFTER).minusMillis(1));

        SweepReport report = sweeper(settings(0, 8, 500)).sweep();

        assertEquals(0, report.stuck());
        assertEquals(call, store.find(call.callId()).orElseThrow(), "not a field changed, not even its version");
        assertFalse(rawItem(call).containsKey("requeues"));
        assertEquals(List.of(), receiveAll(0));
    }

    @Test
    void manyCallsOverEveryShardAreAllFoundABoundedNumberPerRun() {
        Set<String> ids = new HashSet<>();
        Set<Integer> shards = new HashSet<>();
        for (int i = 0; i < 240; i++) {
            Call call = queuedCall(T0.plusMillis(i * 10L));
            ids.add(call.callId());
            shards.add(CallId.shard(call.callId(), 8));
        }
        assertEquals(8, shards.size(), "the calls fell in every shard");
        clock.set(T0.plus(AFTER).plusSeconds(5));
        QueuedCallSweeper sweeper = sweeper(settings(3, 8, 20));

        int requeued = 0;
        int runs = 0;
        for (SweepReport report = sweeper.sweep(); report.stuck() > 0; report = sweeper.sweep()) {
            assertTrue(report.stuck() <= 8 * 20, "at most 20 per shard and run, found " + report.stuck());
            assertEquals(0, report.failures());
            requeued += report.requeued();
            runs++;
        }

        assertEquals(240, requeued);
        assertTrue(runs >= 2, "the bound spread them over runs");
        assertEquals(ids, new HashSet<>(receiveAll(240).stream().map(OriginateMessage::callId).toList()));
    }

    @Test
    void aClaimedCanceledOrFailedCallLeavesTheIndex() {
        Call claimed = queuedCall(T0);
        Call canceled = queuedCall(T0);
        Call failed = queuedCall(T0);
        Call waiting = queuedCall(T0);
        for (Call call : List.of(claimed, canceled, failed, waiting)) {
            assertTrue(rawItem(call).containsKey("queuedShard") && rawItem(call).containsKey("queuedSince"));
        }

        store.claim(claimed.callId(), TENANT, "bridge-1", "action-1", T0.plusSeconds(1));
        store.cancel(canceled.callId(), TENANT, T0.plusSeconds(1));
        store.fail(failed, "QUEUE_UNAVAILABLE: the call could not be queued for dialing", T0.plusSeconds(1));

        for (Call call : List.of(claimed, canceled, failed)) {
            Map<String, AttributeValue> item = rawItem(call);
            assertFalse(item.containsKey("queuedShard") || item.containsKey("queuedSince"), call.callId() + " " + item);
        }
        List<String> indexed = new ArrayList<>();
        for (int shard = 0; shard < 8; shard++) {
            int s = shard;
            aws.dynamoDb().query(b -> b.tableName("CallsTable").indexName(DynamoCallStore.BY_QUEUED_INDEX)
                    .keyConditionExpression("queuedShard = :s")
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(Integer.toString(s)))))
                    .items().forEach(item -> indexed.add(item.get("callId").s()));
        }
        assertEquals(List.of(waiting.callId()), indexed, "only the call still QUEUED is indexed");
    }

    private Call queuedCall(Instant created) {
        String callId = new CallId(Clock.fixed(created, ZoneOffset.UTC), random).next();
        Call call = Call.queued(callId, TENANT, "+14045550123", "+14045550100", "did-main", null, "+14045550199",
                "DynamicIVR", Map.of("ORDER_ID", "A-17"), 30, created, null, null);
        store.create(call);
        return call;
    }

    private SweepSettings settings(int maxRequeues, int shards, int callsPerShard) {
        return new SweepSettings(AFTER, maxRequeues, shards, callsPerShard);
    }

    private QueuedCallSweeper sweeper(SweepSettings settings) {
        return new QueuedCallSweeper(queued, queue(), settings, clock);
    }

    private SqsOriginateQueue queue() {
        return new SqsOriginateQueue(aws.sqs(), queueUrl, codec);
    }

    /** Every message on the test's queue once {@code expected} have arrived (ElasticMQ answers at once). */
    private List<OriginateMessage> receiveAll(int expected) {
        List<OriginateMessage> messages = new ArrayList<>();
        for (int emptyAnswers = 0; messages.size() < expected || emptyAnswers == 0; ) {
            List<Message> batch = aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(messages.size() < expected ? 1 : 0)).messages();
            if (batch.isEmpty()) {
                emptyAnswers++;
                if (emptyAnswers > 20) {
                    break;
                }
            }
            for (Message message : batch) {
                messages.add(codec.decode(message.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return messages;
    }

    private Map<String, AttributeValue> rawItem(Call call) {
        return aws.dynamoDb().getItem(b -> b.tableName("CallsTable").consistentRead(true)
                .key(Map.of("callId", AttributeValue.fromS(call.callId())))).item();
    }

    private StatsBucket statsOfHour(Instant hour) {
        return new CallStats(new DynamoCallStatsStore(aws.dynamoDb(), "CallStatsTable")).report(TENANT,
                CallStatsQuery.parse(Map.of("from", hour.toString(), "to", hour.plusSeconds(3600).toString()), hour))
                .total();
    }
}
