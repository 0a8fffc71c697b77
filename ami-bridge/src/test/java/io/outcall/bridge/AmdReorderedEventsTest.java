package io.outcall.bridge;

import io.outcall.bridge.AmdDialing.FarEnd;
import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.ReorderMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Asterisk varies the order of a call's events from run to run, AMD's too (ami-traces 43: the
 * AMDSTATUS and AMDCAUSE VarSets after the far end's Hangup in one run, before it in the others).
 * AMD calls through a simulator in order and through ones that reorder as Asterisk does end with
 * the same records, each the right one.
 */
class AmdReorderedEventsTest {

    private static final String TENANT = "amd-reordered";

    private static BridgeHarness harness;
    /** The in-order run's calls that hung up during the analysis. */
    private static final List<String> hangUpsDuringAnalysis = new ArrayList<>();

    @BeforeAll
    static void start() {
        harness = BridgeHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** What must not depend on the order: Asterisk's outcome and who answered, as recorded. */
    record AmdRecord(FarEnd farEnd, AmdMode mode, String status, String disposition, int cause, String answeredBy,
                     String amdStatus, String amdCause, boolean voicemailLeft, boolean timed) {
        static AmdRecord of(FarEnd farEnd, AmdMode mode, Call c) {
            AmdOutcome amd = c.amdOutcome();
            return new AmdRecord(farEnd, mode, c.status().name(), c.disposition().name(), c.hangupCause().code(),
                    amd == null ? null : amd.answeredBy().json(), amd == null ? null : amd.status(),
                    amd == null ? null : amd.cause(), amd != null && amd.voicemailLeft(), amd != null && amd.millis() != null);
        }
    }

    @Test
    void reorderedEventsGiveTheSameAmdRecords() throws Exception {
        List<AmdRecord> inOrder = run(ReorderMode.off(), "bridge-amd-in-order");
        for (String callId : hangUpsDuringAnalysis) {
            List<String> timeline = harness.timeline(callId).stream()
                    .map(e -> e.name().equals("Hangup") ? e.name() + " " + e.channel() : e.name()).toList();
            int farEndHangup = timeline.indexOf(timeline.stream().filter(n -> n.startsWith("Hangup ") && n.endsWith(";2"))
                    .findFirst().orElseThrow());
            assertTrue(farEndHangup < timeline.indexOf("VarSet:AMDSTATUS"),
                    () -> "in order, the simulator reports AMD after the far end's Hangup (43 run 1): " + timeline);
        }
        for (long seed : new long[] {1, 7, 42}) {
            assertEquals(inOrder, run(ReorderMode.seeded(seed), "bridge-amd-reorder-" + seed), "seed " + seed);
        }
    }

    /** Every far end with every strategy, all queued at once; each record checked, then returned for comparison. */
    private static List<AmdRecord> run(ReorderMode mode, String bridgeId) throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().reorder(mode).build());
             BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, bridgeId))) {
            AmdDialing dialing = new AmdDialing(harness);
            record Placed(FarEnd farEnd, AmdMode mode, Call call) {
            }
            List<Placed> placed = new ArrayList<>();
            for (FarEnd farEnd : FarEnd.values()) {
                for (AmdMode strategy : List.of(AmdMode.DETECT, AmdMode.HANGUP_ON_MACHINE, AmdMode.LEAVE_MESSAGE)) {
                    placed.add(new Placed(farEnd, strategy, dialing.queue(TENANT, farEnd.number, AmdDialing.settings(strategy))));
                }
            }
            List<AmdRecord> records = new ArrayList<>();
            for (Placed p : placed) {
                Call done = harness.awaitFinal(p.call().callId());
                AmdDialing.assertRecorded(done, p.farEnd(), p.mode());
                if (p.farEnd() == FarEnd.HANGUP && !mode.enabled()) {
                    hangUpsDuringAnalysis.add(done.callId());
                }
                records.add(AmdRecord.of(p.farEnd(), p.mode(), done));
            }
            return records;
        }
    }
}
