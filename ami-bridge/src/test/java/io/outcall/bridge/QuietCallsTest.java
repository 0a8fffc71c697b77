package io.outcall.bridge;

import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Calls the bridge stops hearing about: Asterisk's OriginateResponse says Success, then none of
 * the call's channel events come (the simulator withholds them, as manager.conf filters would).
 * After {@code QUIET_CALL_SECONDS} without an event the bridge asks Asterisk (CoreShowChannels):
 * a call it no longer has ends, one it still has goes on. The bridge's clock is moved by the test,
 * never waited for.
 */
class QuietCallsTest {

    /** Answers after 1 s and hangs up 3 s later (scaled by 1/20): gone from Asterisk long before it is quiet. */
    private static final String UNHEARD = "+17065551235";
    private static final Duration QUIET = Duration.ofSeconds(60);
    private static final String GAUGE = "bridge_oldest_followed_call_age_seconds";

    private static BridgeHarness harness;

    @BeforeAll
    static void start() {
        harness = BridgeHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void anAnsweredCallNeverHeardFromAgainEndsOnceAsteriskNoLongerHasItAndFreesItsSlot() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().unobservedNumbers(Set.of(UNHEARD)).build());
             BridgeHarness.RunningBridge bridge = startBridge(pbx, "bridge-unheard", 1, clock)) {
            Call unheard = harness.queueCall(UNHEARD);
            harness.await(unheard.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED (its OriginateResponse)");
            Call next = harness.queueCall("+17065551232");
            await(() -> bridge.metrics().tenantDeferrals.sum() > 0, "the next call waits: the tenant's one slot is taken");
            await(() -> pbx.liveChannelCount() == 0, "the unheard call ended in Asterisk");
            assertEquals(0, gauge(bridge));
            assertTrue(metricsText(bridge).contains("# HELP " + GAUGE + " "), "the gauge says what it is");

            clock.advance(QUIET.dividedBy(2));
            assertEquals(QUIET.dividedBy(2).toSeconds(), gauge(bridge), "the oldest followed call's age");
            assertTrue(bridge.bridge().tracker().isFollowing(unheard.callId()), "not quiet long enough to ask about");

            clock.advance(QUIET.dividedBy(2));
            Call done = harness.awaitFinal(unheard.callId());
            assertEquals(CallStatus.COMPLETED, done.status(), "Success means it was answered");
            assertEquals(Disposition.ANSWERED, done.disposition());
            assertTrue(done.failureReason().startsWith("ENDED_UNOBSERVED"), done.failureReason());
            assertNotNull(done.answeredAt());
            assertNull(done.talkSeconds(), "how long it talked is unknown");
            assertNull(done.hangupCause(), "no Hangup was seen");

            assertEquals(CallStatus.BUSY, harness.awaitFinal(next.callId()).status(), "its slot was given back");
            await(() -> gauge(bridge) == 0, "the gauge drops once no call is followed");
            assertEquals(2, bridge.metrics().originates.sum(), "each call dialed once");
        }
    }

    @Test
    void aQuietCallAsteriskStillHasGoesOnWhileOneItNoLongerHasEnds() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().unobservedNumbers(Set.of(UNHEARD)).build());
             BridgeHarness.RunningBridge bridge = startBridge(pbx, "bridge-held", 5_000, clock)) {
            // Answered, then on hold: Wait(600), 30 s at the simulator's scale, with no event at all.
            Call held = harness.queueCall("+17065551231", "Hold", 30);
            harness.await(held.callId(), c -> harness.names(c.callId()).contains("UserEvent:HoldStarted"), "on hold");
            Call unheard = harness.queueCall(UNHEARD);
            harness.await(unheard.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED (its OriginateResponse)");
            await(() -> pbx.liveChannelCount() == 2, "the unheard call ended in Asterisk; the held one's two channels live");

            clock.advance(QUIET);
            assertTrue(harness.awaitFinal(unheard.callId()).failureReason().startsWith("ENDED_UNOBSERVED"));
            // Both calls were judged in one pass on the tracker thread: once a command queued now has
            // run, that pass is over.
            CountDownLatch passOver = new CountDownLatch(1);
            bridge.bridge().tracker().submit(passOver::countDown);
            assertTrue(passOver.await(10, TimeUnit.SECONDS));
            assertTrue(bridge.bridge().tracker().isFollowing(held.callId()), "Asterisk still has the held call");
            assertEquals(CallStatus.ANSWERED, harness.calls.find(held.callId()).orElseThrow().status());

            String channel = harness.calls.find(held.callId()).orElseThrow().channel();
            try (RawAmi operator = new RawAmi(pbx.port())) {
                operator.hangup(channel, 16);
            }
            Call done = harness.awaitFinal(held.callId());
            assertEquals(CallStatus.COMPLETED, done.status());
            assertNull(done.failureReason(), "its end was seen, not guessed");
            assertEquals(16, done.hangupCause().code());
        }
    }

    private static BridgeHarness.RunningBridge startBridge(PbxSimulator pbx, String bridgeId, int tenantMaxConcurrent,
                                                           MovableClock clock) throws Exception {
        BridgeConfig config = new BridgeConfig("127.0.0.1", pbx.port(), "admin", "admin_password", harness.queueUrl,
                "CallsTable", "CallEventsTable", "CallStatsTable", BridgeHarness.region(),
                harness.local.dynamoDbServer().endpoint(), harness.local.sqsServer().endpoint(), "Local/{number}@outbound",
                500, 5_000, 500, tenantMaxConcurrent, 0, bridgeId, BridgeHarness.AMI_PING, Duration.ofMillis(200),
                Duration.ofSeconds(5), QUIET);
        BridgeMetrics metrics = new BridgeMetrics();
        DynamoCallSink sink = new DynamoCallSink(harness.calls, harness.events, metrics, 4);
        Bridge bridge = new Bridge(config, harness.calls, sink, Bridge.DEFAULT_BACKLOG_HIGH_WATER, harness.local.sqs(),
                metrics, clock);
        bridge.start();
        return new BridgeHarness.RunningBridge(bridge, metrics);
    }

    private static long gauge(BridgeHarness.RunningBridge bridge) {
        return metricsText(bridge).lines().filter(line -> line.startsWith(GAUGE + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(GAUGE.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(GAUGE + " is not on /metrics"));
    }

    private static String metricsText(BridgeHarness.RunningBridge bridge) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.bridge().healthPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never: " + what);
            }
            BridgeHarness.sleep(20);
        }
    }
}
