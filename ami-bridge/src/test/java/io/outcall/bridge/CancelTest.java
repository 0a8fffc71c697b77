package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.Disposition;
import io.outcall.core.dynamo.StatsItems;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.stats.StatsInterval;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A tenant cancels calls at each stage of their life, through the same {@code CallStore.cancel}
 * the API uses, while a running bridge dials through the PBX simulator over TCP and persists to
 * DynamoDB Local. The simulator runs in real time here, so a ringing call rings for its whole
 * ring timeout and a held call stays up for minutes: whatever ends them early is the bridge.
 * Each test has its own tenant, so its statistics bucket holds its call alone.
 */
class CancelTest {

    private static final String BRIDGE_ID = "bridge-cancel";

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static BridgeHarness.RunningBridge bridge;
    private static final CallId ids = CallId.systemGenerator();

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().timeScale(1.0).build());
        bridge = harness.startBridge(harness.config(pbx, BRIDGE_ID));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        pbx.close();
        harness.close();
    }

    @Test
    void aCallCanceledWhileQueuedIsNeverDialedAndItsMessageIsDropped() {
        long originatesBefore = bridge.metrics().originates.sum() + bridge.metrics().originateErrors.sum();
        long droppedBefore = bridge.metrics().canceledBeforeDialing.sum();
        Call call = record("tenant-queued", "+17065551231", "DynamicIVR", 30);

        CancelResult result = harness.calls.cancel(call.callId(), call.tenantId(), Instant.now());
        assertEquals(CancelResult.Outcome.CANCELED, result.outcome());
        harness.queue.send(OriginateMessage.of(call)); // its message was already on its way when the tenant canceled
        await(() -> bridge.metrics().canceledBeforeDialing.sum() > droppedBefore, "the bridge dropped the message");

        assertEquals(0, harness.messagesOn(harness.queueUrl), "the message was deleted, not left to come back");
        assertEquals(originatesBefore, bridge.metrics().originates.sum() + bridge.metrics().originateErrors.sum(),
                "no Originate was sent");
        assertEquals(List.of(), harness.names(call.callId()), "Asterisk never showed a channel of it");
        assertEquals(0, pbx.liveChannelCount());
        Call stored = harness.calls.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.CANCELED, stored.status());
        assertEquals(Disposition.CANCELED, stored.disposition());
        assertNull(stored.dialedAt(), "never claimed");
        assertEquals(1, statsCounter(stored, "s_CANCELED"), "counted once, by the cancel itself");
        assertEquals(1, statsCounter(stored, "calls"));
    }

    @Test
    void aRingingCallCanceledIsHungUpByTheBridgeAndEndsCanceled() {
        Call call = queue("tenant-ringing", "+17065551233", "DynamicIVR", 300); // rings until its 300 s timeout
        harness.await(call.callId(), c -> c.status() == CallStatus.RINGING, "RINGING");

        CancelResult result = harness.calls.cancel(call.callId(), call.tenantId(), Instant.now());
        assertEquals(CancelResult.Outcome.REQUESTED, result.outcome());
        Instant cancelRequestedAt = result.call().cancelRequestedAt();
        Call done = harness.awaitFinal(call.callId());

        assertEquals(CallStatus.CANCELED, done.status());
        assertEquals(Disposition.CANCELED, done.disposition());
        assertEquals(16, done.hangupCause().code(), "the bridge's Hangup ended it, not the ring timeout (19)");
        assertNotNull(done.endedAt());
        assertFalse(done.endedAt().isBefore(cancelRequestedAt), "ended after the cancel: " + done);
        assertNotNull(done.ringingAt());
        assertNotNull(done.ringSeconds());
        assertNull(done.answeredAt());
        assertEquals(0, done.talkSeconds());
        assertEquals(1, harness.names(call.callId()).stream().filter("CancelRequested"::equals).count(),
                "one CancelRequested on the timeline, however many polls saw the request");
        await(() -> pbx.liveChannelCount() == 0, "no channel left in Asterisk");
        assertNoLongerListed(done);
        assertEquals(1, statsCounter(done, "s_CANCELED"), "counted once");
        assertEquals(1, statsCounter(done, "d_CANCELED"));
        assertEquals(1, statsCounter(done, "calls"));
    }

    @Test
    void anAnsweredCallCanceledEndsCanceledWithItsTalkTime() {
        Call call = queue("tenant-answered", "+17065551236", "Hold", 30); // answered at once, held for 600 s
        harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED");

        CancelResult result = harness.calls.cancel(call.callId(), call.tenantId(), Instant.now());
        assertEquals(CancelResult.Outcome.REQUESTED, result.outcome());
        Call done = harness.awaitFinal(call.callId());

        assertEquals(CallStatus.CANCELED, done.status());
        assertEquals(Disposition.ANSWERED, done.disposition(), "someone talked before the cancel");
        assertNotNull(done.answeredAt());
        assertFalse(done.endedAt().isBefore(result.call().cancelRequestedAt()));
        assertFalse(done.endedAt().isBefore(done.answeredAt()));
        assertNotNull(done.talkSeconds());
        assertEquals(Math.round((done.endedAt().toEpochMilli() - done.answeredAt().toEpochMilli()) / 1000.0),
                (long) done.talkSeconds());
        assertNotNull(done.hangupCause());
        assertTrue(harness.names(call.callId()).contains("CancelRequested"));
        await(() -> pbx.liveChannelCount() == 0, "no channel left in Asterisk");
        assertNoLongerListed(done);
        assertEquals(1, statsCounter(done, "s_CANCELED"), "counted once");
        assertEquals(1, statsCounter(done, "d_ANSWERED"));
        assertEquals(1, statsCounter(done, "talkCalls"));
    }

    /** Records a QUEUED call of {@code tenant}, as intake does, without queueing it. */
    private static Call record(String tenant, String to, String context, int ringTimeoutSeconds) {
        Call call = Call.queued(ids.next(), tenant, to, "+14045550100", "did-main", "Acme", "+14045550199", context,
                Map.of(), ringTimeoutSeconds, Instant.now(), null, null);
        harness.calls.create(call);
        return call;
    }

    private static Call queue(String tenant, String to, String context, int ringTimeoutSeconds) {
        Call call = record(tenant, to, context, ringTimeoutSeconds);
        harness.queue.send(OriginateMessage.of(call));
        return call;
    }

    /** A final call leaves the bridge's indexes: no bridge keeps hanging it up or adopting it. */
    private static void assertNoLongerListed(Call call) {
        Map<String, AttributeValue> item = harness.local.dynamoDb().getItem(b -> b.tableName("CallsTable")
                .key(Map.of("callId", AttributeValue.fromS(call.callId()))).consistentRead(true)).item();
        assertFalse(item.containsKey("cancelOnBridge"), item::toString);
        assertFalse(item.containsKey("liveOnBridge"), item::toString);
        assertNotNull(item.get("cancelRequestedAt"), "the request itself stays on the record");
    }

    /** A counter of the call's hour bucket (its counter shard) in CallStatsTable, read raw; 0 when absent. */
    private static long statsCounter(Call call, String counter) {
        String bucket = StatsItems.bucketKey(StatsInterval.HOUR, CallId.createdAt(call.callId()),
                StatsItems.shardOf(call.callId()));
        Map<String, AttributeValue> item = harness.local.dynamoDb().getItem(b -> b.tableName("CallStatsTable")
                .key(Map.of("tenantId", AttributeValue.fromS(call.tenantId()), "bucket", AttributeValue.fromS(bucket)))
                .consistentRead(true)).item();
        assertNotNull(item, "no stats item " + call.tenantId() + "/" + bucket);
        AttributeValue value = item.get(counter);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never happened: " + what);
            }
            BridgeHarness.sleep(25);
        }
    }
}
