package io.outcall.bridge;

import io.outcall.bridge.AmdDialing.FarEnd;
import io.outcall.core.amd.AmdMode;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.events.CallStatusEvent;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.stats.AmdCounts;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire and the records with AMD off and on: a call without AMD is dialed, recorded, counted
 * and published exactly as before AMD existed (even to the simulator's machine), and a call with it
 * carries the contract's variables on the Originate as the bridge sent it (read off the TCP stream).
 */
class AmdOffUnchangedTest {

    /** Every attribute an AMD setting or result puts on a call item (CallItems, AmdWrites). */
    private static final Set<String> AMD_ATTRIBUTES = Set.of("amd", "answeredBy", "tenantAnsweredBy", "amdStatus",
            "amdCause", "amdDetectedAt", "amdMillis", "voicemailLeftAt");

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static AmiWireTap wire;
    private static BridgeHarness.RunningBridge bridge;
    private static AmdDialing dialing;
    private static CallStreamEvents stream;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        wire = new AmiWireTap(pbx.port());
        bridge = harness.startBridge(harness.config(wire.port(), "admin_password", "bridge-amd-wire"));
        dialing = new AmdDialing(harness);
        stream = new CallStreamEvents(harness);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
        wire.close();
        pbx.close();
        harness.close();
    }

    @Test
    void aCallWithoutAmdIsTheTracedAnsweredCall() {
        Call done = dialWithoutAmd("+17065551231");

        assertEquals(TraceSummaries.withoutOriginateResponse(TraceSummaries.persistedTimeline("01-answered-ivr")),
                TraceSummaries.withoutOriginateResponse(harness.names(done.callId())),
                "the timeline of the traced answered call: no VarSet, no AMD UserEvent");
        assertEquals(List.of("call.queued", "call.dialing", "call.ringing", "call.answered", "call.completed"),
                types(done.callId()));
    }

    /** The simulator's machine without AMD: the same call as with detect (which plays the IVR too) without AMD's parts. */
    @Test
    void aCallToTheMachineWithoutAmdIsTheDetectCallWithoutItsAmdParts() {
        Call without = dialWithoutAmd(FarEnd.MACHINE.number);
        Call detect = harness.awaitFinal(dialing.queue("amd-detect", FarEnd.MACHINE.number,
                AmdDialing.settings(AmdMode.DETECT)).callId());

        assertEquals(harness.names(detect.callId()).stream()
                        .filter(n -> !n.startsWith("VarSet:AMD") && !n.equals("UserEvent:AmdResult")).toList(),
                harness.names(without.callId()));
        assertEquals(types(detect.callId()).stream().filter(t -> !t.equals("call.machine_detected")).toList(),
                types(without.callId()));
    }

    /** Dials {@code to} for a tenant without AMD; checks what must hold of any such call: wire, item, statistics. */
    private static Call dialWithoutAmd(String to) {
        String tenant = "amd-off-" + to.substring(to.length() - 4);
        Call done = harness.awaitFinal(dialing.queue(tenant, to, null).callId());

        List<String> variables = variables(wire.originateOf(done.callId()));
        assertTrue(variables.stream().noneMatch(v -> v.startsWith("OUTCALL_")), () -> "no AMD variable: " + variables);
        assertEquals(CallStatus.COMPLETED, done.status());
        assertNull(done.amd());
        assertNull(done.amdOutcome(), "no AMD fields");
        Map<String, AttributeValue> item = harness.local.dynamoDb().getItem(b -> b.tableName("CallsTable")
                .consistentRead(true).key(Map.of("callId", AttributeValue.fromS(done.callId())))).item();
        assertTrue(item.keySet().stream().noneMatch(AMD_ATTRIBUTES::contains), () -> "the item as before AMD: " + item.keySet());
        assertEquals(AmdCounts.NONE, dialing.stats(tenant).amd(), "statistics without AMD figures");
        assertTrue(types(done.callId()).stream().noneMatch(t -> t.startsWith("call.") && t.endsWith("_detected")));
        return done;
    }

    private static List<String> types(String callId) {
        return stream.events(callId).stream().map(CallStatusEvent::type).toList();
    }

    @Test
    void anAmdCallCarriesTheContractsVariablesOnItsOriginate() {
        Call queued = dialing.queue("amd-wire", FarEnd.MACHINE.number, AmdDialing.settings(AmdMode.LEAVE_MESSAGE));
        harness.awaitFinal(queued.callId());

        List<String> variables = variables(wire.originateOf(queued.callId()));
        // README "AMD contract": one variable per AMD() argument (app_amd's defaults here), the message's two.
        assertEquals(List.of("OUTCALL_AMD=leaveMessage", "OUTCALL_AMD_INITIAL_SILENCE=2500", "OUTCALL_AMD_GREETING=1500",
                        "OUTCALL_AMD_AFTER_GREETING_SILENCE=800", "OUTCALL_AMD_TOTAL_ANALYSIS_TIME=5000",
                        "OUTCALL_AMD_MIN_WORD_LENGTH=100", "OUTCALL_AMD_BETWEEN_WORDS_SILENCE=50",
                        "OUTCALL_AMD_MAX_NUMBER_OF_WORDS=2", "OUTCALL_AMD_SILENCE_THRESHOLD=256",
                        "OUTCALL_AMD_MAX_WORD_LENGTH=5000", "OUTCALL_VM_PROMPT=outcall-test/message",
                        "OUTCALL_VM_WAIT_SILENCE_MS=1500").stream().sorted().toList(),
                variables.stream().filter(v -> v.startsWith("OUTCALL_")).sorted().toList());
        assertTrue(variables.contains("CALL_ID=" + queued.callId()), variables::toString);
    }

    /**
     * The README's curl session (and the smoke test's): the tenant's leaveMessage with the prompt
     * outcall-test/message, a call to +17065554162. Intake's libphonenumber check keeps the number as
     * it is, and the simulator's machine takes the message.
     */
    @Test
    void theReadmesMachineNumberPassesIntakeAndTakesTheMessage() {
        String to = new PhoneNumbers().toE164("+17065554162", "US");
        assertEquals("+17065554162", to, "intake's E.164 form is the number the simulator routes by");
        assertEquals(FarEnd.MACHINE.number, to);

        Call done = harness.awaitFinal(dialing.queue("amd-readme", to, AmdDialing.settings(AmdMode.LEAVE_MESSAGE)).callId());

        AmdDialing.assertRecorded(done, FarEnd.MACHINE, AmdMode.LEAVE_MESSAGE);
        assertEquals("machine", done.amdOutcome().answeredBy().json());
        assertTrue(done.amdOutcome().voicemailLeft());
    }

    /** The Originate's {@code Variable:} values, one per header line (asterisk-java writes one line per variable). */
    private static List<String> variables(List<String> originate) {
        return originate.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("variable: "))
                .map(l -> l.substring("variable: ".length())).toList();
    }
}
