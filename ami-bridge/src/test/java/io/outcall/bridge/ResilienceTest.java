package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.localaws.Ports;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge survives what a real Asterisk does to its clients: drops, restarts, a late start. */
class ResilienceTest {

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
    void anAmiDropMidCallIsSurvivedAndTheCallFollowedToItsEnd() throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-drop"))) {
            Call call = harness.queueCall("+17065551231", "Hold", 30);
            String channel = harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED").channel();

            pbx.dropConnections();
            awaitReconnects(bridge, 1);
            try (RawAmi operator = new RawAmi(pbx.port())) {
                operator.hangup(channel, 16);
            }

            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.COMPLETED, done.status());
            assertEquals(16, done.hangupCause().code());
            assertNull(done.failureReason(), "its end was seen, not guessed");

            Call after = harness.queueCall("+17065551232");
            assertEquals(CallStatus.BUSY, harness.awaitFinal(after.callId()).status(), "new calls flow again");
        }
    }

    @Test
    void aCallWhoseEventsWereLostWithTheSessionEndsAtTheReconnect() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-lost-events"), clock)) {
            // The session the call is lost with must be up first: a drop before the first login
            // would make the next session a first connection, not a reconnect.
            BridgeHarness.awaitCount(() -> bridge.bridge().ami().isUp() ? 1 : 0, 1, "the bridge's AMI session is up");
            // Accepted by Asterisk, then the session died before any of its events arrived.
            Call call = harness.record("+17065551231", "Hold", 30);
            bridge.bridge().tracker().expect(call.callId(), BridgeHarness.TENANT, "orig-" + call.callId(),
                    call.callId() + "-2");
            BridgeHarness.awaitCount(() -> bridge.bridge().tracker().isFollowing(call.callId()) ? 1 : 0, 1, "the tracker follows it");
            clock.advance(Duration.ofSeconds(6)); // longer than Asterisk may take to create a first channel

            pbx.dropConnections();

            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.FAILED, done.status());
            assertTrue(done.failureReason().startsWith("ENDED_WHILE_AMI_DISCONNECTED"), done.failureReason());
            assertTrue(!bridge.bridge().tracker().isFollowing(call.callId()), "the tracker no longer follows it");
        }
    }

    @Test
    void aHalfOpenSocketIsDetectedByPingAndReplaced() throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(
                     harness.config(pbx.port(), "admin_password", "bridge-half-open", 500, Duration.ofSeconds(1)))) {
            Call call = harness.queueCall("+17065551231", "Hold", 30);
            String channel = harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED").channel();

            pbx.silenceConnections(); // the socket stays open; nothing comes back, not even Pong
            awaitReconnects(bridge, 1);
            try (RawAmi operator = new RawAmi(pbx.port())) {
                operator.hangup(channel, 16);
            }

            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.COMPLETED, done.status());
            assertNull(done.failureReason(), "the call outlived the dead socket and its end was seen");
        }
    }

    @Test
    void anAsteriskRestartEndsLiveCallsAndTheBridgeCarriesOn() throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-restart"))) {
            Call call = harness.queueCall("+17065551231", "Hold", 30);
            harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED");

            pbx.restart();

            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.COMPLETED, done.status(), "it was answered; the restart ended it");
            awaitReconnects(bridge, 1);
            Call after = harness.queueCall("+17065551232");
            assertEquals(CallStatus.BUSY, harness.awaitFinal(after.callId()).status());
        }
    }

    @Test
    void aCallThatEndsWhileTheLinkIsDownEndsWithAReason() throws Exception {
        int port = portOutsideEphemeralRange();
        PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().port(port).build());
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-away"))) {
            Call call = harness.queueCall("+17065551231", "Hold", 30);
            harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED");

            // Asterisk goes away with the call and comes back without it: the end was never seen.
            pbx.close();
            pbx = startOn(port);

            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.COMPLETED, done.status());
            assertTrue(done.failureReason().startsWith("ENDED_WHILE_AMI_DISCONNECTED"), done.failureReason());
        } finally {
            pbx.close();
        }
    }

    /**
     * The consumer's long poll outlives the link: a call received just after Asterisk went away is
     * not claimed, so not failed; it is dialed once Asterisk is back.
     */
    @Test
    void aCallReceivedWhileTheLinkIsDownWaitsForAsterisk() throws Exception {
        int port = portOutsideEphemeralRange();
        PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().port(port).build());
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-poll-outlives"))) {
            // One call through first: the link is up and the consumer is back in its long poll.
            assertEquals(CallStatus.BUSY, harness.awaitFinal(harness.queueCall("+17065551232").callId()).status());

            pbx.close();
            awaitDown(bridge);
            Call call = harness.queueCall("+17065551232");
            pbx = startOn(port);

            Call done = harness.awaitFinal(call.callId());
            assertEquals(CallStatus.BUSY, done.status(), "dialed after the link came back: " + done.failureReason());
            assertEquals(2, bridge.metrics().originates.sum());
        } finally {
            pbx.close();
        }
    }

    @Test
    void aBridgeStartedBeforeAsteriskConnectsWhenItComesUp() throws Exception {
        int port = portOutsideEphemeralRange();
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(port, "admin_password", "bridge-early"))) {
            Call call = harness.queueCall("+17065551232");
            // The second attempt to reach Asterisk counted from here began after the call was queued:
            // the consumer, polling every 50 ms, had the call within reach during it and its backoff.
            LongAdder unreachable = bridge.metrics().amiUnreachable;
            BridgeHarness.awaitCount(unreachable::sum, unreachable.sum() + 2, "two more attempts to reach Asterisk");
            assertEquals(CallStatus.QUEUED, harness.calls.find(call.callId()).orElseThrow().status(),
                    "no claim while Asterisk is unreachable");

            try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().port(port).build())) {
                assertEquals(CallStatus.BUSY, harness.awaitFinal(call.callId()).status());
            }
        }
    }

    @Test
    void aWrongPasswordIsRetriedAndNothingIsDialed() throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx.port(), "wrong", "bridge-badpw"))) {
            Call call = harness.queueCall("+17065551232");
            LongAdder refused = bridge.metrics().amiLoginsRefused;
            BridgeHarness.awaitCount(refused::sum, refused.sum() + 2, "the login tried again, twice, after the call was queued");
            assertEquals(CallStatus.QUEUED, harness.calls.find(call.callId()).orElseThrow().status());
            assertTrue(!bridge.bridge().ami().isUp());
        }
    }

    @Test
    void aGracefulStopLetsCallsInFlightFinish() throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-graceful"))) {
            Call call = harness.queueCall("+17065551235"); // answers, far end hangs up 3 s (scaled) later
            harness.await(call.callId(), c -> c.status() == CallStatus.ANSWERED, "ANSWERED");

            bridge.bridge().stop(Duration.ofSeconds(30));

            Call done = harness.calls.find(call.callId()).orElseThrow();
            assertEquals(CallStatus.COMPLETED, done.status(), "finished and written before stop returned");
        }
    }

    /** The simulator's old sockets on this port close asynchronously: binding again may need a moment. */
    private static PbxSimulator startOn(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return PbxSimulator.start(BridgeHarness.simulator().port(port).build());
            } catch (java.net.BindException stillClosing) {
                if (attempt == 100) {
                    throw stillClosing;
                }
                BridgeHarness.sleep(50);
            }
        }
    }

    /**
     * A port a client retrying every 50 ms cannot grab: on loopback, a connect to a closed port in
     * the ephemeral range can land on itself (TCP self-connect) and then hold that very port.
     */
    private static int portOutsideEphemeralRange() {
        for (int port = 20_000 + (int) (ProcessHandle.current().pid() % 5_000); port < 32_000; port++) {
            if (!Ports.inUse(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    private static void awaitDown(BridgeHarness.RunningBridge bridge) {
        for (int i = 0; i < 2_000 && bridge.bridge().ami().isUp(); i++) {
            BridgeHarness.sleep(10);
        }
        assertTrue(!bridge.bridge().ami().isUp(), "the bridge saw Asterisk go");
    }

    private static void awaitReconnects(BridgeHarness.RunningBridge bridge, long count) {
        for (int i = 0; i < 2_000 && (bridge.metrics().reconnects.sum() < count || !bridge.bridge().ami().isUp()); i++) {
            BridgeHarness.sleep(10);
        }
        assertTrue(bridge.metrics().reconnects.sum() >= count && bridge.bridge().ami().isUp(), "reconnected");
    }
}
