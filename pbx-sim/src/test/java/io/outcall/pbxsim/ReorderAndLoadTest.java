package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReorderAndLoadTest {

    private static final String DIGITS = "12345781245712457";

    @Test
    void reorderModeChangesOrderButNotTheEventsAndIsDeterministicPerSeed() throws Exception {
        List<List<String>> canonical = runCalls(ReorderMode.off());
        List<List<String>> seeded = runCalls(ReorderMode.seeded(42));
        List<List<String>> seededAgain = runCalls(ReorderMode.seeded(42));

        boolean anyDifferent = false;
        for (int i = 0; i < canonical.size(); i++) {
            assertEquals(sorted(canonical.get(i)), sorted(seeded.get(i)), "same multiset of events, call " + i);
            anyDifferent |= !canonical.get(i).equals(seeded.get(i));
        }
        assertTrue(anyDifferent, "some call's order differs from the canonical one");
        assertEquals(seeded, seededAgain, "a seed reproduces each call's order");
        assertNotEquals(canonical, seeded);
    }

    /** Calls one after another so every call gets the same sequence number in every run. */
    private static List<List<String>> runCalls(ReorderMode mode) throws IOException {
        List<List<String>> perCall = new ArrayList<>();
        try (PbxSimulator pbx = SimulatorTestSupport.fastSimulator(mode);
             RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            for (int i = 0; i < DIGITS.length(); i++) {
                String id = "r" + i;
                SimulatorTestSupport.originate(c, "+1706555123" + DIGITS.charAt(i), "DynamicIVR", id, id, id);
                c.await(m -> m.isEvent("OriginateResponse") && id.equals(m.get("ActionID")));
                c.await(m -> m.isEvent("Hangup") && id.equals(m.get("Uniqueid")));
                c.await(m -> m.isEvent("Hangup") && (id + ";2").equals(m.get("Uniqueid")));
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (pbx.liveChannelCount() > 0) {
                    assertTrue(System.nanoTime() < deadline, "the call's channels are gone after its hangups");
                    Thread.onSpinWait();
                }
                // The registry lets go of a transfer leg before its teardown is written to the session (the far
                // end hanging up, digit 5): wait for every channel's Hangup event too.
                c.awaitCount(m -> m.isEvent("Hangup"), c.matching(m -> m.isEvent("Newchannel")).size());
                // the session's queue is FIFO: once the Pong is here, every event of the call is too
                c.send("Action: Ping", "ActionID: ping-" + id);
                c.await(m -> ("ping-" + id).equals(m.get("ActionID")));
                perCall.add(SimulatorTestSupport.eventsOfCall(c, id, id).stream()
                        .map(m -> m.event() + " " + normalized(m.get("Uniqueid")) + " " + m.get("Cause") + " "
                                + m.get("Reason"))
                        .toList());
            }
        }
        return perCall;
    }

    /** Transfer legs get clock-based Uniqueids, which differ between runs. */
    private static String normalized(String uniqueid) {
        return uniqueid == null ? null : uniqueid.replaceAll("^\\d+\\.", "T.");
    }

    private static List<String> sorted(List<String> events) {
        return events.stream().sorted().toList();
    }

    @Test
    void manyConcurrentCallsAllComplete() throws Exception {
        int calls = 2000;
        // this test client parses on its reader thread; give it more than Asterisk's 100 ms write timeout
        try (PbxSimulator pbx = PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(0.01)
                .reorder(ReorderMode.seeded(7)).writeTimeout(java.time.Duration.ofSeconds(10)).build());
             RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            for (int i = 0; i < calls; i++) {
                SimulatorTestSupport.originate(c, "+1706555123" + "1245678".charAt(i % 7),
                        i % 7 == 4 ? "FastHangup" : "DynamicIVR", "load-" + i, "load-" + i, "load-" + i);
            }
            c.awaitCount(m -> m.isEvent("OriginateResponse"), calls);
            c.awaitCount(m -> m.isEvent("Hangup") && !String.valueOf(m.get("Channel")).contains("+1404"), 2 * calls);
            IntStream.of(0, calls / 2, calls - 1).forEach(i -> assertEquals(1, c.matching(m ->
                    m.isEvent("OriginateResponse") && ("load-" + i).equals(m.get("ActionID"))).size()));
        }
    }

    @Test
    void clientThatStopsReadingIsDisconnected() throws Exception {
        try (PbxSimulator pbx = SimulatorTestSupport.fastSimulator(ReorderMode.off());
             RawAmiClient driver = RawAmiClient.connect(pbx.port());
             RawAmiClient slow = RawAmiClient.connectNonReading(pbx.port())) {
            // The driver takes no events, only the answers to its actions: it cannot fall behind
            // the flood and be dropped in place of the client that never reads.
            driver.send("Action: Login", "Username: admin", "Secret: admin_password", "Events: off", "ActionID: login-1");
            driver.await(m -> "login-1".equals(m.get("ActionID")));
            slow.send("Action: Login", "Username: admin", "Secret: admin_password", "Events: on");
            int round = 0;
            // keep producing events until the server gives up on the stalled reader (trace 17)
            while (pbx.connectionCount() > 1 && round < 200) {
                for (int i = 0; i < 200; i++) {
                    String id = "slow-" + round + "-" + i;
                    SimulatorTestSupport.originate(driver, "+17065551236", "FastHangup", id, null, id);
                }
                String last = "slow-" + round + "-199";
                driver.await(m -> m.get("Response") != null && last.equals(m.get("ActionID")));
                round++;
            }
            assertEquals(1, pbx.connectionCount(), "only the reading client is left");
            // What the stalled client can still read ends at EOF, possibly mid-message as in the
            // capture. The simulator closed its socket before it stopped counting it; the kernel
            // then holds the unread bytes and the FIN behind a zero window, and on a loaded machine
            // may discard that orphan without a word, so a read that hears nothing for 30 s is no
            // sign the wrong client was dropped: the driver's answer below is.
            slow.readTimeout(java.time.Duration.ofSeconds(30));
            try (InputStream in = slow.rawInput()) {
                byte[] buffer = new byte[65536];
                while (in.read(buffer) >= 0) {
                    // drain
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException orphanDiscarded) {
                // the server side is gone either way (counted out above)
            }
            driver.send("Action: Ping", "ActionID: still-alive");
            driver.await(m -> "still-alive".equals(m.get("ActionID")));
        }
    }
}
