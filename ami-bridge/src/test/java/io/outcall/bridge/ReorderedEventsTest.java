package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.ReorderMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real Asterisk reorders a call's events from run to run (ami-traces README). The same calls
 * through a simulator in order and one that reorders as Asterisk does end with the same records.
 */
class ReorderedEventsTest {

    private static BridgeHarness harness;

    @BeforeAll
    static void start() {
        harness = BridgeHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    record Outcome(String status, String disposition, Integer cause, boolean answered, boolean rang) {
        static Outcome of(Call c) {
            return new Outcome(c.status().name(), c.disposition().name(),
                    c.hangupCause() == null ? null : c.hangupCause().code(), c.answeredAt() != null, c.ringingAt() != null);
        }
    }

    @Test
    void reorderedEventsGiveTheSameFinalRecords() throws Exception {
        List<Outcome> inOrder = run(ReorderMode.off(), "bridge-in-order");
        for (long seed : new long[] {1, 7, 42}) {
            assertEquals(inOrder, run(ReorderMode.seeded(seed), "bridge-reorder-" + seed), "seed " + seed);
        }
    }

    private static List<Outcome> run(ReorderMode mode, String bridgeId) throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().reorder(mode).build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, bridgeId))) {
            List<Call> calls = new ArrayList<>();
            for (char digit : "12345678".toCharArray()) {
                for (int i = 0; i < 3; i++) {
                    calls.add(harness.queueCall("+1706555123" + digit, "DynamicIVR", 5));
                }
            }
            return calls.stream().map(c -> Outcome.of(harness.awaitFinal(c.callId()))).toList();
        }
    }
}
