package io.outcall.bridge;

import io.outcall.bridge.originate.OriginateActions;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.dynamo.StatsItems;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.retry.RetryOutcome;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.schedule.DueCall;
import io.outcall.core.stats.StatsInterval;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retried calls through a running bridge, the PBX simulator over TCP, DynamoDB Local and ElasticMQ.
 * The simulator's last digit decides each attempt's outcome (2 busy, 3 no answer, 4 congestion, 1
 * answers). Time is never waited for: the test plays the scheduler, enqueueing a SCHEDULED call at
 * its own notBefore ({@link DynamoScheduledCalls#enqueue} with that instant) and sending its message,
 * as the due-call scheduler does when that minute comes. Each test has its own tenant, so the
 * statistics bucket it reads holds its call alone.
 */
class RetriesTest {

    private static final String BRIDGE_ID = "bridge-retries";
    private static final RetryPolicy THREE_TRIES = new RetryPolicy(RetryPolicy.RETRYABLE, 3, 120);

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static BridgeHarness.RunningBridge bridge;
    private static DynamoScheduledCalls scheduled;
    private static final CallId ids = CallId.systemGenerator();

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        bridge = harness.startBridge(harness.config(pbx, BRIDGE_ID));
        scheduled = new DynamoScheduledCalls(harness.local.dynamoDb(), "CallsTable", SweepSettings.DEFAULT_SHARDS);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        pbx.close();
        harness.close();
    }

    @ParameterizedTest(name = "number ending {0}: every attempt {1} / {2}")
    @CsvSource({"2, BUSY, BUSY", "3, NO_ANSWER, NO_ANSWER", "4, FAILED, CONGESTION"})
    void everyRetryableOutcomeIsRetriedAndTheCallIsFinalOnlyAfterItsLastAttempt(char digit, CallStatus status,
                                                                                Disposition disposition) {
        Call call = queue("tenant-retry-" + digit, "+1706555124" + digit, THREE_TRIES);

        for (int attempt = 1; attempt < 3; attempt++) {
            Call waiting = awaitScheduledFor(call, attempt + 1);
            assertFalse(waiting.status().isFinal(), "not final between attempts: " + waiting);
            assertEquals(ScheduledReason.RETRY, waiting.scheduledReason());
            assertEquals(attempt, waiting.attempts().size());
            CallAttempt ended = waiting.attempts().get(attempt - 1);
            assertEquals(attempt, ended.attempt());
            assertEquals(status, ended.status());
            assertEquals(disposition, ended.disposition());
            assertEquals(ended.endedAt().plusSeconds(120), waiting.notBefore(), "due the policy's delay after its end");
            assertNull(waiting.dialedAt(), "the ended attempt's dial lives in its record now");
            assertNull(itemOf(call).get("liveOnBridge"), "no bridge owns it between attempts");
            assertEquals(0, counter(call, "calls"), "the call is not counted before it is final");
            assertEquals(attempt, counter(call, "attempts"), "each ended attempt counted once");
            dueNow(waiting);
        }
        Call done = harness.awaitFinal(call.callId());

        assertEquals(status, done.status());
        assertEquals(disposition, done.disposition());
        assertEquals(3, done.attempt());
        assertEquals(List.of(1, 2, 3), done.attempts().stream().map(CallAttempt::attempt).toList());
        assertTrue(done.attempts().stream().allMatch(a -> a.disposition() == disposition), done.attempts()::toString);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(1, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), attempt)),
                    "one Originate accepted for attempt " + attempt);
        }
        assertEquals(1, counter(call, "calls"), "the call counted once, when final");
        assertEquals(1, counter(call, "s_" + status.name()));
        assertEquals(3, counter(call, "attempts"), "three dials");
        assertEquals(3, counter(call, "t_" + disposition.name()));
    }

    @Test
    void anAnsweredAttemptEndsTheCallAtOnce() {
        Call call = queue("tenant-retry-answered", "+17065551241", THREE_TRIES);

        Call done = harness.awaitFinal(call.callId());

        assertEquals(CallStatus.COMPLETED, done.status());
        assertEquals(1, done.attempt());
        assertEquals(1, done.attempts().size(), "its one attempt is on record");
        assertEquals(Disposition.ANSWERED, done.attempts().getFirst().disposition());
        assertNull(done.notBefore(), "never scheduled");
        assertEquals(0, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), 2)));
        assertEquals(1, counter(call, "attempts"));
    }

    @Test
    void aRetryPolicyThatDoesNotNameTheOutcomeEndsTheCall() {
        Call call = queue("tenant-retry-not-on", "+17065551242",
                new RetryPolicy(EnumSet.of(RetryOutcome.NO_ANSWER), 3, 60));

        Call done = harness.awaitFinal(call.callId());

        assertEquals(CallStatus.BUSY, done.status(), "BUSY is not among the policy's outcomes");
        assertEquals(1, done.attempts().size());
    }

    @Test
    void aCancelBetweenAttemptsEndsTheCallCanceledAndNothingIsDialedAgain() {
        Call call = queue("tenant-retry-cancel", "+17065551252", THREE_TRIES);
        Call waiting = awaitScheduledFor(call, 2);

        CancelResult result = harness.calls.cancel(call.callId(), call.tenantId(), Instant.now());

        assertEquals(CancelResult.Outcome.CANCELED, result.outcome(), "canceled at once, like a queued call");
        assertTrue(scheduled.enqueue(new DueCall(call.callId(), call.tenantId(), waiting.notBefore()),
                waiting.notBefore()).isEmpty(), "the scheduler finds nothing to enqueue");
        // A message for attempt 2 that was already on its way when the tenant canceled.
        harness.queue.send(OriginateMessage.of(waiting));
        long duplicates = bridge.metrics().duplicateMessages.sum() + bridge.metrics().canceledBeforeDialing.sum();
        BridgeHarness.awaitCount(() -> bridge.metrics().duplicateMessages.sum()
                + bridge.metrics().canceledBeforeDialing.sum(), duplicates + 1, "the message was dropped");
        Call done = harness.calls.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.CANCELED, done.status());
        assertEquals(1, done.attempts().size(), "the one attempt that was dialed");
        assertEquals(0, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), 2)));
        assertEquals(1, counter(call, "calls"));
        assertEquals(1, counter(call, "attempts"));
    }

    @Test
    void aLateEventOrAStaleMessageOfAnEarlierAttemptTouchesNothing() {
        Call call = queue("tenant-retry-late", "+17065551222", THREE_TRIES);
        Call waiting = awaitScheduledFor(call, 2);

        // What the bridge would write for attempt 1 had an event of it come late: refused by the attempt.
        assertFalse(harness.calls.advance(CallProgress.status(call.callId(), call.tenantId(), 1, CallStatus.RINGING,
                Instant.now(), null, null)));
        assertFalse(harness.calls.advance(new CallProgress(call.callId(), call.tenantId(), CallStatus.BUSY,
                Disposition.BUSY, null, null, null, null, Instant.now(), 0, 0, null, null, 1)));
        Call unchanged = harness.calls.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.SCHEDULED, unchanged.status());
        assertEquals(waiting.version(), unchanged.version());

        Call queued = scheduled.enqueue(new DueCall(call.callId(), call.tenantId(), waiting.notBefore()),
                waiting.notBefore()).orElseThrow();
        // A copy of attempt 1's message arriving now, before attempt 2's: it claims nothing.
        harness.queue.send(OriginateMessage.of(call));
        long duplicates = bridge.metrics().duplicateMessages.sum();
        BridgeHarness.awaitCount(() -> bridge.metrics().duplicateMessages.sum(), duplicates + 1, "the stale copy dropped");
        assertEquals(CallStatus.QUEUED, harness.calls.find(call.callId()).orElseThrow().status(), "left for attempt 2");
        assertEquals(1, pbx.originateLedger().acceptedFor(call.callId()), "attempt 1 dialed once, never again");

        harness.queue.send(OriginateMessage.of(queued));
        Call next = awaitScheduledFor(call, 3);
        assertEquals(2, next.attempts().size());
        assertEquals(1, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), 2)));
    }

    @Test
    void aBridgeRestartBetweenAttemptsLosesNothing() throws Exception {
        Call call = queue("tenant-retry-restart", "+17065551272", new RetryPolicy(RetryPolicy.RETRYABLE, 2, 60));
        Call waiting = awaitScheduledFor(call, 2);

        bridge.close();
        bridge = harness.startBridge(harness.config(pbx, BRIDGE_ID));
        dueNow(waiting);
        Call done = harness.awaitFinal(call.callId());

        assertEquals(CallStatus.BUSY, done.status());
        assertEquals(2, done.attempts().size());
        assertNull(done.failureReason(), "ended by Asterisk's word, not as an orphan: " + done);
        assertEquals(1, pbx.originateLedger().acceptedFor(call.callId()));
        assertEquals(1, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), 2)));
        assertEquals(1, counter(call, "calls"));
        assertEquals(2, counter(call, "attempts"));
    }

    /** Records a QUEUED call of {@code tenant} with {@code retry} and queues it, as intake does. */
    private static Call queue(String tenant, String to, RetryPolicy retry) {
        Call call = Call.queued(ids.next(), tenant, to, "+14045550100", "did-main", "Acme", "+14045550199",
                "DynamicIVR", Map.of(), 5, Instant.now(), null, null).withRetry(retry);
        harness.calls.create(call);
        harness.queue.send(OriginateMessage.of(call));
        return call;
    }

    private static Call awaitScheduledFor(Call call, int attempt) {
        return harness.await(call.callId(), c -> c.status() == CallStatus.SCHEDULED && c.attempt() == attempt
                || c.status().isFinal(), "SCHEDULED for attempt " + attempt);
    }

    /** What the due-call scheduler does once the call's notBefore has come. */
    private static void dueNow(Call waiting) {
        Call queued = scheduled.enqueue(new DueCall(waiting.callId(), waiting.tenantId(), waiting.notBefore()),
                waiting.notBefore()).orElseThrow();
        assertEquals(waiting.attempt(), queued.attempt());
        harness.queue.send(OriginateMessage.of(queued));
    }

    private static Map<String, AttributeValue> itemOf(Call call) {
        return harness.local.dynamoDb().getItem(b -> b.tableName("CallsTable")
                .key(Map.of("callId", AttributeValue.fromS(call.callId()))).consistentRead(true)).item();
    }

    /** A counter of the call's hour bucket (its counter shard), read raw; 0 when absent. */
    private static long counter(Call call, String counter) {
        String bucket = StatsItems.bucketKey(StatsInterval.HOUR, CallId.createdAt(call.callId()),
                StatsItems.shardOf(call.callId()));
        Map<String, AttributeValue> item = harness.local.dynamoDb().getItem(b -> b.tableName("CallStatsTable")
                .key(Map.of("tenantId", AttributeValue.fromS(call.tenantId()), "bucket", AttributeValue.fromS(bucket)))
                .consistentRead(true)).item();
        AttributeValue value = item == null ? null : item.get(counter);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
