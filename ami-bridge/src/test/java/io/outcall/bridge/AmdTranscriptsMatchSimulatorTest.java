package io.outcall.bridge;

import io.outcall.bridge.AmdDialing.FarEnd;
import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real Asterisk 22 and the simulator agree as the bridge sees them: each AMD transcript (40
 * person, 41 machine, 43 hang-up during analysis, 45 not sure; every run) replayed raw down the
 * bridge's AMI session, and a call to the simulator's far end for the same result, dialed with
 * leaveMessage as the transcripts' dialplan does, end with the same record and the same AMD events.
 */
class AmdTranscriptsMatchSimulatorTest {

    /** What of the timeline is AMD's: app_amd's variables and the dialplan's two reports. */
    private static final Set<String> AMD_EVENTS = Set.of("VarSet:AMDSTATUS", "VarSet:AMDCAUSE", "UserEvent:AmdResult",
            "UserEvent:VoicemailLeft");

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static BridgeHarness.RunningBridge bridge;
    private static AmdDialing dialing;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        bridge = harness.startBridge(harness.config(pbx, "bridge-amd-transcripts"));
        // A replay goes to the sessions connected at that moment: the bridge's must be one of them.
        BridgeHarness.awaitCount(() -> bridge.bridge().ami().isUp() ? 1 : 0, 1, "the bridge's AMI session is up");
        dialing = new AmdDialing(harness);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        pbx.close();
        harness.close();
    }

    /** The fields both halves must agree on; the times differ (the simulator runs at 1/20). */
    record AmdRecord(String status, String disposition, int cause, String answeredBy, String amdStatus, String amdCause,
                     boolean voicemailLeft, boolean timed, List<String> amdEvents) {
        static AmdRecord of(Call c, List<String> timeline) {
            AmdOutcome amd = c.amdOutcome();
            return new AmdRecord(c.status().name(), c.disposition().name(), c.hangupCause().code(),
                    amd.answeredBy().json(), amd.status(), amd.cause(), amd.voicemailLeft(), amd.millis() != null,
                    timeline.stream().filter(AMD_EVENTS::contains).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "40-amd-human,                       HUMAN",
            "40-amd-human-run2,                  HUMAN",
            "40-amd-human-run3,                  HUMAN",
            "41-amd-machine,                     MACHINE",
            "41-amd-machine-run2,                MACHINE",
            "41-amd-machine-run3,                MACHINE",
            "43-amd-hangup-during-analysis,      HANGUP",
            "43-amd-hangup-during-analysis-run2, HANGUP",
            "43-amd-hangup-during-analysis-run3, HANGUP",
            "45-amd-notsure-no-audio,            NOT_SURE",
            "45-amd-notsure-no-audio-run2,       NOT_SURE",
            "45-amd-notsure-no-audio-run3,       NOT_SURE"})
    void aTranscriptAndTheSimulatorGiveTheSameRecord(String trace, FarEnd farEnd) {
        Call replayed = replay(trace);
        Call simulated = harness.awaitFinal(dialing.queue("amd-sim", farEnd.number,
                AmdDialing.settings(AmdMode.LEAVE_MESSAGE)).callId());

        AmdDialing.assertRecorded(simulated, farEnd, AmdMode.LEAVE_MESSAGE);
        assertEquals(AmdRecord.of(replayed, harness.names(replayed.callId())),
                AmdRecord.of(simulated, harness.names(simulated.callId())));
    }

    /** Records the trace's call as intake would (with the transcripts' leaveMessage), has the bridge expect it, replays it. */
    private static Call replay(String trace) {
        String callId = TraceSummaries.callIdOf(trace);
        harness.calls.create(Call.queued(callId, "amd-replay", "+17065554061", "+14045550100", "did-main", "Acme",
                "+14045550199", "AmdIVR", Map.of(), 30, Instant.now(), null, null)
                .withAmd(AmdDialing.settings(AmdMode.LEAVE_MESSAGE)));
        bridge.bridge().tracker().expect(callId, "amd-replay", TraceSummaries.originateActionId(trace), callId + ";2");
        pbx.replay(TraceSummaries.events(trace));
        return harness.awaitFinal(callId);
    }
}
