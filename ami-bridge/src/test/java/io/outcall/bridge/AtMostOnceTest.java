package io.outcall.bridge;

import io.outcall.bridge.originate.Orphans;
import io.outcall.bridge.originate.Pacer;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call is dialed at most once, whatever duplicates, crashes or second bridges happen. Crashes
 * are reproduced by the state they leave behind in DynamoDB and SQS, which is all a restarted
 * bridge can see.
 */
class AtMostOnceTest {

    private static BridgeHarness harness;
    private static PbxSimulator pbx;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
    }

    @AfterAll
    static void stop() {
        pbx.close();
        harness.close();
    }

    @Test
    void duplicateMessagesGiveOneOriginate() throws Exception {
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-dup"))) {
            Call call = harness.record("+17065551232", "DynamicIVR", 30);
            for (int i = 0; i < 3; i++) {
                harness.queue.send(OriginateMessage.of(call));
            }

            assertEquals(CallStatus.BUSY, harness.awaitFinal(call.callId()).status());
            harness.queue.send(OriginateMessage.of(call)); // a late copy after the end
            awaitDuplicates(bridge, 3);

            assertEquals(1, bridge.metrics().originates.sum(), "one Originate for four messages");
            assertEquals(1, harness.names(call.callId()).stream().filter("OriginateResponse"::equals).count());
        }
    }

    /**
     * Copies of one message arrive in one receive. A copy that loses the claim while the winner is
     * still between its claim and its Originate must not take the call for an orphan (and end it
     * unheard). The winner is held there until the bridge has dealt with both other copies (their
     * messages deleted or put off, whatever it chose), so they are handled inside that window every time.
     */
    @Test
    void copiesClaimedSideBySideLeaveTheCallToTheWinningCopy() throws Exception {
        CountDownLatch otherCopiesHandled = new CountDownLatch(2);
        SqsClient sqs = ObservedSqs.of(harness.local.sqs(), operation -> {
            if (operation.equals("deleteMessage") || operation.equals("changeMessageVisibility")) {
                otherCopiesHandled.countDown();
            }
        });
        AtomicBoolean heldUntilHandled = new AtomicBoolean();
        CallStore heldWinner = new ForwardingCallStore(harness.calls) {
            @Override
            public ClaimResult claim(String callId, String tenantId, String bridgeId, String actionId, Instant at) {
                ClaimResult result = store.claim(callId, tenantId, bridgeId, actionId, at);
                if (result.outcome() == ClaimResult.Outcome.CLAIMED) {
                    // The winner's own message is deleted only after its Originate: until then every
                    // delete or visibility change is another copy's.
                    heldUntilHandled.set(BridgeHarness.await(otherCopiesHandled));
                }
                return result;
            }
        };
        Call call = harness.record("+17065551232", "DynamicIVR", 30);
        for (int i = 0; i < 3; i++) {
            harness.queue.send(OriginateMessage.of(call));
        }

        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-side-by-side"),
                heldWinner, sqs)) {
            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.BUSY, done.status(), "ended as the call did, not as an orphan: " + done.failureReason());
            assertTrue(heldUntilHandled.get(), "the other copies were handled while the winner held its claim"
                    + " (they must arrive in the winner's receive)");
            awaitDuplicates(bridge, 2);
            assertEquals(1, bridge.metrics().originates.sum());
        }
    }

    /**
     * A reconnect looks for this bridge's orphans while its consumer may hold a call between claim
     * and Originate, unknown to the tracker yet: that call is its own, not an orphan, and must not
     * be ended "not dialed" just before it is dialed. A claim older than this run is an orphan.
     */
    @Test
    void callsClaimedByThisRunAreNeverTakenForOrphans() throws Exception {
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-in-hand"))) {
            // Orphans ask Asterisk which channels it has: the session must be up.
            BridgeHarness.awaitCount(() -> bridge.bridge().ami().isUp() ? 1 : 0, 1, "the bridge's AMI session is up");
            Instant runStarted = Instant.now();
            Call leftOver = harness.record("+17065551231", "DynamicIVR", 30);
            Call inHand = harness.record("+17065551232", "DynamicIVR", 30);
            harness.calls.claim(leftOver.callId(), BridgeHarness.TENANT, "bridge-in-hand", "orig-" + leftOver.callId(),
                    runStarted.minus(Duration.ofMinutes(5)));
            harness.calls.claim(inHand.callId(), BridgeHarness.TENANT, "bridge-in-hand", "orig-" + inHand.callId(),
                    runStarted.plusMillis(1));
            Orphans orphans = new Orphans(harness.calls, bridge.bridge().tracker(), bridge.bridge().ami(), callId -> 0,
                    new Pacer(10, 10, 10, 10, System::nanoTime), Clock.systemUTC(), runStarted);

            orphans.resolveOwn("bridge-in-hand");

            Call ended = harness.calls.find(leftOver.callId()).orElseThrow();
            assertEquals(CallStatus.FAILED, ended.status(), "a claim older than this run, not followed, is an orphan");
            assertEquals(Orphans.LOST_AT_ORIGINATE, ended.failureReason());
            Call kept = harness.calls.find(inHand.callId()).orElseThrow();
            assertEquals(CallStatus.DIALING, kept.status(), "claimed by this run: left to its claimer, "
                    + kept.failureReason());
        }
    }

    @Test
    void aBridgeLostBetweenClaimAndOriginateLeavesACallThatIsNeverDialed() throws Exception {
        Call call = harness.record("+17065551231", "DynamicIVR", 30);
        // What the lost bridge left: a claim minutes old, no Originate recorded, its message back on the queue.
        ClaimResult claim = harness.calls.claim(call.callId(), BridgeHarness.TENANT, "bridge-lost",
                "orig-" + call.callId(), Instant.now().minus(Duration.ofMinutes(5)));
        assertEquals(ClaimResult.Outcome.CLAIMED, claim.outcome());
        harness.queue.send(OriginateMessage.of(call));

        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-survivor"))) {
            Call done = harness.awaitFinal(call.callId());

            assertEquals(CallStatus.FAILED, done.status());
            assertEquals(Orphans.LOST_AT_ORIGINATE, done.failureReason());
            assertEquals(0, bridge.metrics().originates.sum(), "never dialed by the survivor");
            assertEquals(0, pbx.liveChannelCount());
        }
    }

    @Test
    void aRestartedBridgeEndsTheCallsItHadClaimedButNotDialed() throws Exception {
        Call call = harness.record("+17065551231", "DynamicIVR", 30);
        harness.calls.claim(call.callId(), BridgeHarness.TENANT, "bridge-restarting", "orig-" + call.callId(), Instant.now());
        // No message left: it was the bridge's own claim, found again through the byBridge index.

        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-restarting"))) {
            Call done = harness.awaitFinal(call.callId());

            assertEquals(CallStatus.FAILED, done.status());
            assertEquals(Orphans.LOST_AT_ORIGINATE, done.failureReason());
            assertEquals(0, bridge.metrics().originates.sum());
        }
    }

    @Test
    void aBridgeLostBetweenOriginateAndDeleteIsSucceededWithoutDialingAgain() throws Exception {
        Call call = harness.record("+17065551231", "Hold", 30);
        String channel;
        try (BridgeHarness.RunningBridge first = harness.startBridge(harness.config(pbx, "bridge-first"))) {
            harness.queue.send(OriginateMessage.of(call));
            channel = harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED").channel();
            first.bridge().stop(Duration.ZERO); // gone while the call is up
        }
        List<CallEvent> seenByFirst = harness.timeline(call.callId());
        // Its message comes back, as it would had the bridge died before deleting it.
        harness.queue.send(OriginateMessage.of(call));

        try (BridgeHarness.RunningBridge second = harness.startBridge(harness.config(pbx, "bridge-second"));
             RawAmi operator = new RawAmi(pbx.port())) {
            awaitFollowing(second, call.callId());
            assertTrue(operator.hangup(channel, 16).contains("Success"));

            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.COMPLETED, done.status());
            assertEquals(0, second.metrics().originates.sum(), "the second bridge followed the call, never dialed it");
            List<CallEvent> timeline = harness.timeline(call.callId());
            assertEquals(seenByFirst, timeline.subList(0, seenByFirst.size()), "the first bridge's events are kept");
            assertTrue(timeline.size() > seenByFirst.size(), "the second bridge's events follow them");
            assertTrue(timeline.stream().skip(seenByFirst.size()).anyMatch(e -> e.name().equals("Hangup")));
        }
    }

    /**
     * One bridge per Asterisk host: a copy of a message for a call another bridge dialed reaches a
     * bridge whose Asterisk never had the call. It must not end the call (its own bridge will record
     * how it ends); that bridge, restarted, follows it again.
     */
    @Test
    void aCallLiveOnAnotherBridgesAsteriskIsLeftToThatBridge() throws Exception {
        Call call = harness.record("+17065551231", "Hold", 30);
        try (PbxSimulator asteriskA = PbxSimulator.start(BridgeHarness.simulator().build())) {
            String channel;
            try (BridgeHarness.RunningBridge a = harness.startBridge(harness.config(asteriskA, "bridge-host-a"))) {
                harness.queue.send(OriginateMessage.of(call));
                channel = harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED").channel();
                a.bridge().stop(Duration.ZERO); // host A's bridge goes away while the call is up
            }
            harness.queue.send(OriginateMessage.of(call)); // SQS delivers a copy again

            try (BridgeHarness.RunningBridge b = harness.startBridge(harness.config(pbx, "bridge-host-b"))) {
                awaitDuplicates(b, 1);
                for (int i = 0; i < 2_000 && harness.messagesOn(harness.queueUrl) > 0; i++) {
                    BridgeHarness.sleep(10);
                }
                assertEquals(0, harness.messagesOn(harness.queueUrl), "host B acknowledged the copy");
                Call seen = harness.calls.find(call.callId()).orElseThrow();
                assertEquals(CallStatus.ANSWERED, seen.status(), "host B left the call alone: " + seen.failureReason());
                assertEquals(0, b.metrics().originates.sum());
            }

            try (BridgeHarness.RunningBridge a = harness.startBridge(harness.config(asteriskA, "bridge-host-a"));
                 RawAmi operator = new RawAmi(asteriskA.port())) {
                awaitFollowing(a, call.callId());
                assertTrue(operator.hangup(channel, 16).contains("Success"));
                Call done = harness.awaitFinal(call.callId());
                assertEquals(CallStatus.COMPLETED, done.status());
                assertEquals(null, done.failureReason(), "its end was seen by its own bridge");
            }
        }
    }

    private static void awaitFollowing(BridgeHarness.RunningBridge bridge, String callId) {
        for (int i = 0; i < 2_000 && !bridge.bridge().tracker().isFollowing(callId); i++) {
            BridgeHarness.sleep(10);
        }
        assertTrue(bridge.bridge().tracker().isFollowing(callId), "the bridge adopted the live call");
    }

    /** Copies seen twice in one receive come back only after SQS delays of 5 s each: up to a minute. */
    private static void awaitDuplicates(BridgeHarness.RunningBridge bridge, long expected) {
        BridgeHarness.awaitCount(bridge.metrics().duplicateMessages::sum, expected, "duplicate messages acknowledged");
        assertEquals(expected, bridge.metrics().duplicateMessages.sum());
    }
}
