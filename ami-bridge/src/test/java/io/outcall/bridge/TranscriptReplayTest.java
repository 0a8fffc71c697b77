package io.outcall.bridge;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact bytes a real Asterisk 22 sent (ami-traces/*.txt), pushed down a real AMI session into
 * the running bridge: asterisk-java's reader, the bridge's UserEvent builder, listener, queue,
 * tracker and DynamoDB writer all see what production will see.
 */
class TranscriptReplayTest {

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static BridgeHarness.RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().timeScale(1).build());
        bridge = harness.startBridge(harness.config(pbx, "bridge-replay"));
        awaitConnected();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        pbx.close();
        harness.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "01-answered-ivr,                 COMPLETED, ANSWERED,   16",
            "02-busy,                         BUSY,      BUSY,       17",
            "03-no-answer,                    NO_ANSWER, NO_ANSWER,  19",
            "04-congestion,                   FAILED,    CONGESTION, 34",
            "05-answered-then-remote-hangup,  COMPLETED, ANSWERED,   16",
            "06-rejected-unallocated-cause1,  FAILED,    FAILED,     1"})
    void aRecordedCallEndsAsItDidOnTheRealAsterisk(String trace, CallStatus status, Disposition disposition, int cause) {
        List<Map<String, String>> messages = TraceSummaries.messages(trace);
        Map<String, String> firstChannel = messages.stream().filter(m -> "Newchannel".equals(m.get("Event"))).findFirst().orElseThrow();
        String callId = firstChannel.get("Linkedid");
        String dialedHalf = messages.stream().filter(m -> "Newchannel".equals(m.get("Event")))
                .filter(m -> callId.equals(m.get("Linkedid")) && m.get("Channel").endsWith(";2")).findFirst().orElseThrow()
                .get("Uniqueid");
        follow(callId, TraceSummaries.originateActionId(trace), dialedHalf);

        pbx.replay(TraceSummaries.events(trace));

        Call done = harness.awaitFinal(callId);
        assertEquals(status, done.status());
        assertEquals(disposition, done.disposition());
        assertEquals(cause, done.hangupCause().code());
        assertNull(done.amdOutcome(), "a call without AMD gets no AMD fields");
        assertEquals(TraceSummaries.persistedTimeline(trace), harness.names(callId),
                "the timeline holds every followed event of the trace, in the order Asterisk sent them");
    }

    /**
     * The AMD transcripts (ami-traces 40-45): app_amd's result reaches the record from the dialplan's
     * AmdResult UserEvent, or, after a hang-up during analysis (43), from the AMDSTATUS VarSet alone;
     * the machine's VoicemailLeft marks the message left. Asterisk answered every one of them.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "40-amd-human,                    HUMAN,   HUMAN-800-800,          human,   false",
            "41-amd-machine,                  MACHINE, LONGGREETING-1500-1500, machine, true",
            "43-amd-hangup-during-analysis,   HANGUP,  '',                     hangup,  false",
            "45-amd-notsure-no-audio,         NOTSURE, TOOLONG-4900,           notSure, false"})
    void anAmdCallIsRecordedAsTheRealAsteriskReportedIt(String trace, String amdStatus, String amdCause,
                                                        String answeredBy, boolean voicemailLeft) {
        List<Map<String, String>> messages = TraceSummaries.messages(trace);
        String callId = messages.stream().filter(m -> "Newchannel".equals(m.get("Event"))).findFirst().orElseThrow()
                .get("Linkedid");
        follow(callId, TraceSummaries.originateActionId(trace), callId + ";2");

        pbx.replay(TraceSummaries.events(trace));

        Call done = harness.awaitFinal(callId);
        assertEquals(CallStatus.COMPLETED, done.status(), "Asterisk answered: AMD does not change the outcome");
        assertEquals(Disposition.ANSWERED, done.disposition());
        assertEquals(16, done.hangupCause().code());
        AmdOutcome amd = done.amdOutcome();
        assertNotNull(amd, "the AMD result is on the record");
        assertEquals(amdStatus, amd.status());
        assertEquals(amdCause, amd.cause());
        assertEquals(answeredBy, amd.answeredBy().json());
        assertEquals(voicemailLeft, amd.voicemailLeft());
        assertNotNull(amd.millis(), "answer to result is known once both were seen");
        assertTrue(amd.millis() >= 0);
        List<String> expected = new java.util.ArrayList<>(TraceSummaries.persistedTimeline(trace));
        List<String> amdVarSets = harness.names(callId).stream().filter(n -> n.startsWith("VarSet:")).toList();
        assertEquals(List.of("VarSet:AMDSTATUS", "VarSet:AMDCAUSE"), amdVarSets,
                "app_amd's two variables are on the timeline, no other VarSet");
        assertEquals(expected, harness.names(callId).stream().filter(n -> !n.startsWith("VarSet:")).toList());
    }

    @Test
    void callsOriginatedWithChannelIdAreFollowedByThatId() {
        follow("call-ok-leg1", "chid-call-ok", "call-ok-leg2");
        follow("call-busy-leg1", "chid-call-busy", "call-busy-leg2");

        pbx.replay(TraceSummaries.events("16-originate-with-channelid"));

        Call answered = harness.awaitFinal("call-ok-leg1");
        Call busy = harness.awaitFinal("call-busy-leg1");
        assertEquals(CallStatus.COMPLETED, answered.status());
        assertEquals(16, answered.hangupCause().code());
        assertEquals(CallStatus.BUSY, busy.status());
        assertEquals(17, busy.hangupCause().code());
        assertEquals(List.of("UserEvent:IvrStarted", "UserEvent:DigitPressed", "UserEvent:IvrDone", "UserEvent:IvrHangup"),
                harness.names("call-ok-leg1").stream().filter(n -> n.startsWith("UserEvent:")).toList());
    }

    private static void awaitConnected() {
        for (int i = 0; i < 400 && !bridge.bridge().ami().isUp(); i++) {
            BridgeHarness.sleep(25);
        }
        if (!bridge.bridge().ami().isUp()) {
            throw new IllegalStateException("the bridge never connected to the simulator");
        }
    }

    /** Records the call and tells the tracker to expect it, as the consumer does before an Originate. */
    private static void follow(String callId, String actionId, String dialedHalf) {
        harness.calls.create(Call.queued(callId, BridgeHarness.TENANT, "+17065551231", "+14045550100", "did-main", "Acme",
                "+14045550199", "DynamicIVR", Map.of(), 30, Instant.now(), null, null));
        bridge.bridge().tracker().expect(callId, BridgeHarness.TENANT, actionId, dialedHalf);
    }
}
