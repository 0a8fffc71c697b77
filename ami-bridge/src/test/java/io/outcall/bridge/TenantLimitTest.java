package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.Test;

import io.outcall.core.queue.OriginateMessage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant over its own limit waits its turn while other tenants' calls pass. Waiting is not
 * failing: however long a burst takes to drain, none of its messages may reach the dead-letter
 * queue (maxReceiveCount 5, as template.yaml sets it), where its calls would stay QUEUED for good.
 */
class TenantLimitTest {

    private static final int BURST = 12;

    @Test
    void aBurstFarOverItsTenantsRateIsDialedInFullAndNothingIsDeadLettered() throws Exception {
        try (BridgeHarness harness = BridgeHarness.start();
             PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build());
             BridgeHarness.RunningBridge running = harness.startBridge(
                     harness.config(pbx.port(), "admin_password", "bridge-tenant-limit", 1, BridgeHarness.AMI_PING))) {
            List<Call> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                burst.add(harness.queueCall("+17065551232"));
            }
            String deadLetters = harness.local.queueUrl("OriginateDeadLetterQueue");

            // At one call a second the burst drains in about 12 s; a message retried by visibility
            // alone would be received more than 5 times by then. One a second, not more: even a
            // machine under heavy load claims calls faster than that, so the tenant's rate binds.
            harness.awaitFinalOrDeadLettered(burst, deadLetters);

            assertEquals(0, harness.messagesOn(deadLetters), "no message of a waiting tenant was dead-lettered");
            for (Call call : burst) {
                assertEquals(CallStatus.BUSY, harness.calls.find(call.callId()).orElseThrow().status(), call.callId());
            }
            assertEquals(BURST, running.metrics().originates.sum(), "each call dialed once");
            assertEquals(0, running.metrics().duplicateMessages.sum(), "a deferred message came back once, not twice");
            long deferrals = running.metrics().tenantDeferrals.sum();
            assertTrue(deferrals > 0, "the tenant's rate held calls back");
            // Put back for its turn (its tenant's calls spaced at the tenant's rate), a call is turned
            // away about once: 11 here. Put back all alike, 2 s later, they were turned away about twice as often.
            assertTrue(deferrals <= BURST + BURST / 2, "calls were turned away " + deferrals + " times");
        }
    }

    /**
     * A call that has waited for minutes and is turned away again for its tenant's turn is not
     * lost: the bridge restarts the queued-call sweeper's wait on it and clears the sweeper's count,
     * so a long backlog is never ended NEVER_DIALED while the bridge is working through it.
     */
    @Test
    void aLongWaitingCallTurnedAwayRestartsTheSweepersWait() throws Exception {
        try (BridgeHarness harness = BridgeHarness.start();
             PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build())) {
            Call first = harness.record("+17065551232", "DynamicIVR", 30);
            Call waiting = harness.record("+17065551232", "DynamicIVR", 30);
            // As if the sweeper had enqueued it twice already.
            harness.local.dynamoDb().updateItem(b -> b.tableName("CallsTable")
                    .key(Map.of("callId", AttributeValue.fromS(waiting.callId())))
                    .updateExpression("SET requeues = :two").expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"))));
            long queuedSince = Long.parseLong(rawItem(harness, waiting).get("queuedSince").n());
            harness.queue.send(OriginateMessage.of(first));
            harness.queue.send(OriginateMessage.of(waiting));

            // A tenant rate of one call per 10 s turns the second away; the bridge's clock runs two
            // minutes ahead, so both calls look as old as a real backlog's.
            Clock twoMinutesLater = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
            try (BridgeHarness.RunningBridge running = harness.startBridge(
                    harness.config(pbx.port(), "admin_password", "bridge-still-waiting", 0.1, BridgeHarness.AMI_PING),
                    twoMinutesLater)) {
                BridgeHarness.awaitCount(() -> rawItem(harness, waiting).containsKey("requeues") ? 0 : 1, 1,
                        "the sweeper's count on the waiting call cleared");
                Map<String, AttributeValue> item = rawItem(harness, waiting);
                assertEquals("QUEUED", item.get("status").s(), "told while it still waited");
                assertTrue(Long.parseLong(item.get("queuedSince").n()) > queuedSince, "its wait restarted");
                assertTrue(running.metrics().tenantDeferrals.sum() >= 1);

                assertEquals(CallStatus.BUSY, harness.awaitFinal(first.callId()).status());
                assertEquals(CallStatus.BUSY, harness.awaitFinal(waiting.callId()).status(), "dialed in its turn");
            }
        }
    }

    private static Map<String, AttributeValue> rawItem(BridgeHarness harness, Call call) {
        return harness.local.dynamoDb().getItem(b -> b.tableName("CallsTable").consistentRead(true)
                .key(Map.of("callId", AttributeValue.fromS(call.callId())))).item();
    }
}
