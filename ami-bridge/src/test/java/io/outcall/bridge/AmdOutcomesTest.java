package io.outcall.bridge;

import io.outcall.bridge.AmdDialing.FarEnd;
import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AnsweredBy;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.events.CallStatusEvent;
import io.outcall.core.stats.StatsBucket;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both halves of answering-machine detection together: a call queued with AMD, dialed by a running
 * bridge through the PBX simulator over TCP, for each far end (person, machine, not sure, hang-up
 * during analysis) and each strategy. Read back from DynamoDB Local: the record, the timeline, the
 * tenant's statistics, and the webhook events the calls table's stream gives.
 */
class AmdOutcomesTest {

    private static final List<String> IVR = List.of("UserEvent:AmdResult", "UserEvent:IvrStarted",
            "UserEvent:DigitPressed", "UserEvent:IvrDone", "UserEvent:IvrHangup");
    private static final List<String> AMD_EVENT_TYPES = List.of("call.human_detected", "call.machine_detected",
            "call.voicemail_left");

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static BridgeHarness.RunningBridge bridge;
    private static AmdDialing dialing;
    private static CallStreamEvents stream;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        bridge = harness.startBridge(harness.config(pbx, "bridge-amd"));
        dialing = new AmdDialing(harness);
        stream = new CallStreamEvents(harness);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        pbx.close();
        harness.close();
    }

    static Stream<Arguments> farEndsAndStrategies() {
        return Stream.of(FarEnd.values()).flatMap(farEnd -> Stream.of(AmdMode.DETECT, AmdMode.HANGUP_ON_MACHINE,
                AmdMode.LEAVE_MESSAGE).map(mode -> Arguments.of(farEnd, mode)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("farEndsAndStrategies")
    void eachResultWithEachStrategyGivesItsRecordTimelineStatisticsAndEvents(FarEnd farEnd, AmdMode mode) {
        // A tenant of its own per case, so its statistics count this one call.
        String tenant = "amd-" + farEnd.name().toLowerCase(Locale.ROOT) + "-" + mode.json().toLowerCase(Locale.ROOT);
        Call queued = dialing.queue(tenant, farEnd.number, AmdDialing.settings(mode));

        Call done = harness.awaitFinal(queued.callId());

        AmdDialing.assertRecorded(done, farEnd, mode);
        assertEquals(expectedTimeline(farEnd, mode), amdTimeline(queued.callId()),
                "app_amd's variables, then the dialplan's UserEvents as the contract's table says");
        assertStatistics(dialing.stats(tenant), done, farEnd, mode);
        assertEvents(stream.events(queued.callId()), farEnd, mode);
    }

    /** The AMD VarSets and every UserEvent of the call's timeline, in order. */
    static List<String> amdTimeline(String callId) {
        return harness.names(callId).stream().filter(n -> n.startsWith("VarSet:") || n.startsWith("UserEvent:")).toList();
    }

    /** README "AMD contract", the events by result and strategy; the bridge keeps only app_amd's VarSets. */
    static List<String> expectedTimeline(FarEnd farEnd, AmdMode mode) {
        List<String> expected = new ArrayList<>(List.of("VarSet:AMDSTATUS", "VarSet:AMDCAUSE"));
        if (farEnd == FarEnd.HANGUP) {
            expected.add("UserEvent:IvrHangup"); // the dialplan never reaches AmdResult
        } else if (farEnd != FarEnd.MACHINE || mode == AmdMode.DETECT) {
            expected.addAll(IVR);
        } else if (mode == AmdMode.HANGUP_ON_MACHINE) {
            expected.addAll(List.of("UserEvent:AmdResult", "UserEvent:IvrHangup"));
        } else {
            expected.addAll(List.of("UserEvent:AmdResult", "UserEvent:VoicemailLeft", "UserEvent:IvrHangup"));
        }
        return expected;
    }

    private static void assertStatistics(StatsBucket stats, Call done, FarEnd farEnd, AmdMode mode) {
        assertEquals(1, stats.calls());
        assertEquals(Map.of(CallStatus.COMPLETED, 1L), stats.byStatus());
        assertEquals(Map.of(Disposition.ANSWERED, 1L), stats.byDisposition());
        AnsweredBy answeredBy = AnsweredBy.ofJson(farEnd.answeredBy).orElseThrow();
        assertEquals(Map.of(answeredBy, 1L), stats.amd().byAnsweredBy(), "byAnsweredBy");
        assertEquals(farEnd.getsTheMessage(mode) ? 1 : 0, stats.amd().voicemailsLeft(), "voicemailsLeft");
        assertEquals((double) done.amdOutcome().millis(), stats.amd().averageMillis(), "averageAmdMillis of one call");
    }

    /**
     * Each event once; the AMD ones between call.answered and call.completed whether the bridge wrote
     * the result on its own or with the end. Not sure and a hang-up have none of their own.
     */
    private static void assertEvents(List<CallStatusEvent> events, FarEnd farEnd, AmdMode mode) {
        List<String> types = events.stream().map(CallStatusEvent::type).toList();
        List<String> expectedAmd = new ArrayList<>();
        if (farEnd.detectedEvent != null) {
            expectedAmd.add(farEnd.detectedEvent);
        }
        if (farEnd.getsTheMessage(mode)) {
            expectedAmd.add("call.voicemail_left");
        }
        assertEquals(expectedAmd, types.stream().filter(AMD_EVENT_TYPES::contains).toList(), types::toString);
        assertEquals(types.size(), types.stream().distinct().count(), () -> "each event once: " + types);
        assertEquals("call.completed", types.getLast(), types::toString);
        int answered = types.indexOf("call.answered");
        assertTrue(answered >= 0, types::toString);
        for (String amd : expectedAmd) {
            assertTrue(types.indexOf(amd) > answered, () -> amd + " after call.answered: " + types);
        }
        // A webhook's data is the call as the write that gave the event left it: the whole result.
        for (CallStatusEvent event : events.subList(answered + 1, events.size())) {
            assertEquals(farEnd.amdStatus, event.call().amdOutcome().status(), event::type);
            assertEquals(farEnd.amdCause, event.call().amdOutcome().cause(), () -> event.type() + " carries AMDCAUSE");
        }
    }
}
