package io.outcall.core.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdParameter;
import io.outcall.core.amd.AmdParameters;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.VoicemailMessage;
import io.outcall.core.call.Call;
import io.outcall.core.tenant.TenantLimits;
import io.outcall.core.window.CallingWindow;
import io.outcall.core.window.LocalHours;
import io.outcall.core.window.OutsideWindow;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.queue.OriginateMessageCodec.MalformedMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginateMessageCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OriginateMessageCodec codec = new OriginateMessageCodec(JSON);

    private static final Call MESSAGE_CALL = Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P",
            "acme", "+14045550199", "+14045550100", "did-main", "Acme Sales", "+14045550142", "outbound",
            Map.of("GREETING", "hello \"there\"", "LANG", "en"), 45, Instant.parse("2025-03-01T12:00:00.123Z"),
            new JourneyRef("j", "e", "s"), "acme#http#k1");
    private static final OriginateMessage MESSAGE = OriginateMessage.of(MESSAGE_CALL);

    @Test
    void aMessageSurvivesTheRoundTrip() {
        assertEquals(MESSAGE, codec.decode(codec.encode(MESSAGE)));
    }

    @Test
    void ofCopiesWhatTheBridgeNeedsFromTheCall() {
        assertEquals(new OriginateMessage(OriginateMessage.VERSION_WITHOUT_AMD, "01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme",
                "+14045550199", "+14045550100", "Acme Sales", "outbound", "+14045550142", 45,
                Map.of("GREETING", "hello \"there\"", "LANG", "en"), "2025-03-01T12:00:00.123Z"), MESSAGE);
    }

    @Test
    void aCallWithAmdIsVersion3AndItsSettingsSurviveTheRoundTrip() throws Exception {
        AmdSettings amd = new AmdSettings(AmdMode.LEAVE_MESSAGE,
                AmdParameters.DEFAULTS.with(Map.of(AmdParameter.TOTAL_ANALYSIS_TIME, 4000)),
                new VoicemailMessage("outcall/reminder", 2000));
        OriginateMessage message = OriginateMessage.of(Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme",
                "+14045550199", "+14045550100", "did-main", null, null, "outbound", Map.of(), 30,
                Instant.parse("2025-03-01T12:00:00Z"), null, null).withAmd(amd));
        String encoded = codec.encode(message);
        assertEquals(3, JSON.readTree(encoded).get("schemaVersion").intValue());
        assertEquals("leaveMessage", JSON.readTree(encoded).at("/amd/answeringMachineDetection").textValue());
        assertEquals(amd, codec.decode(encoded).amd());
    }

    @Test
    void aCallNamingAPromptIsVersion4AndCarriesItsPlayablePath() throws Exception {
        OriginateMessage message = OriginateMessage.of(Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme",
                "+14045550199", "+14045550100", "did-main", null, null, "outbound", Map.of(), 30,
                Instant.parse("2025-03-01T12:00:00Z"), null, null).withPrompt("welcome"));
        String encoded = codec.encode(message);
        assertEquals(4, JSON.readTree(encoded).get("schemaVersion").intValue());
        assertEquals("outcall/acme/welcome", JSON.readTree(encoded).get("prompt").textValue());
        assertEquals(message, codec.decode(encoded));
    }

    @Test
    void aCallOfATenantWithACallingWindowIsVersion5AndCarriesTheWindow() throws Exception {
        CallingWindow window = new CallingWindow(OutsideWindow.SCHEDULE, Map.of(DayOfWeek.MONDAY,
                List.of(LocalHours.of("08:00", "12:00"), LocalHours.of("13:00", "24:00")), DayOfWeek.SUNDAY,
                List.of(LocalHours.of("10:00", "18:00"))));
        OriginateMessage message = OriginateMessage.of(Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme",
                "+14045550199", "+14045550100", "did-main", null, null, "outbound", Map.of(), 30,
                Instant.parse("2025-03-01T12:00:00Z"), null, null), null, window);
        String encoded = codec.encode(message);
        assertEquals(5, JSON.readTree(encoded).get("schemaVersion").intValue());
        assertEquals(JSON.readTree("{\"outsideWindow\":\"schedule\",\"hours\":{\"monday\":[{\"from\":\"08:00\",\"to\":\"12:00\"},"
                + "{\"from\":\"13:00\",\"to\":\"24:00\"}],\"sunday\":[{\"from\":\"10:00\",\"to\":\"18:00\"}]}}"),
                JSON.readTree(encoded).get("window"));
        assertEquals(message, codec.decode(encoded));
        assertNull(OriginateMessage.of(MESSAGE_CALL, null, null).window(), "no window: the version before");
        assertEquals(2, OriginateMessage.of(MESSAGE_CALL, null, null).schemaVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"daily\"", "{\"outsideWindow\":\"refuse\",\"hours\":{}}",
            "{\"outsideWindow\":\"refuse\",\"hours\":{\"monday\":[{\"from\":\"09:00\",\"to\":\"08:00\"}]}}"})
    void aWindowTheApiWouldRefuseIsRefusedHereToo(String window) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.put("schemaVersion", 5);
        tree.set("window", JSON.readTree(window));
        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(tree.toString())).getMessage();
        assertTrue(message.startsWith("window is not valid"), message);
    }

    @Test
    void aRecordedCallIsVersion4AndCarriesRecordWithoutAPrompt() throws Exception {
        OriginateMessage message = OriginateMessage.of(Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme",
                "+14045550199", "+14045550100", "did-main", null, null, "outbound", Map.of(), 30,
                Instant.parse("2025-03-01T12:00:00Z"), null, null).withRecord(true));
        String encoded = codec.encode(message);
        assertEquals(4, JSON.readTree(encoded).get("schemaVersion").intValue());
        assertTrue(JSON.readTree(encoded).get("record").booleanValue());
        assertTrue(JSON.readTree(encoded).path("prompt").isMissingNode());
        assertEquals(message, codec.decode(encoded));
    }

    @Test
    void aRecordedCallNamingAPromptIsOneVersion4MessageCarryingBoth() throws Exception {
        AmdSettings amd = new AmdSettings(AmdMode.DETECT, AmdParameters.DEFAULTS, null);
        OriginateMessage message = OriginateMessage.of(Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme",
                "+14045550199", "+14045550100", "did-main", null, null, "outbound", Map.of(), 30,
                Instant.parse("2025-03-01T12:00:00Z"), null, null).withAmd(amd).withRecord(true).withPrompt("welcome"));
        String encoded = codec.encode(message);
        assertEquals(4, JSON.readTree(encoded).get("schemaVersion").intValue());
        OriginateMessage decoded = codec.decode(encoded);
        assertEquals(message, decoded);
        assertTrue(decoded.record());
        assertEquals("outcall/acme/welcome", decoded.prompt());
        assertEquals(amd, decoded.amd());
    }

    @Test
    void aVersion4MessageWithNeitherRecordNorPromptIsRead() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.put("schemaVersion", 4);
        OriginateMessage decoded = codec.decode(tree.toString());
        assertEquals(false, decoded.record());
        assertNull(decoded.prompt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"record", "prompt"})
    void aVersion4FieldOfTheWrongTypeIsRefusedNamingIt(String field) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.put("schemaVersion", 4);
        tree.putArray(field);
        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(tree.toString())).getMessage();
        assertTrue(message.startsWith("a field has the wrong type: " + field), message);
    }

    @Test
    void aCallWithoutAmdIsStillVersion2SoTheBridgeBeforeReadsIt() throws Exception {
        String encoded = codec.encode(MESSAGE);
        assertEquals(2, JSON.readTree(encoded).get("schemaVersion").intValue());
        assertTrue(JSON.readTree(encoded).path("amd").isMissingNode());
        assertNull(codec.decode(encoded).amd());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"answeringMachineDetection\":\"sometimes\"}",
            "{\"answeringMachineDetection\":\"detect\",\"amdParameters\":{\"greetingMs\":99999}}",
            "{\"answeringMachineDetection\":\"leaveMessage\"}", "\"detect\""})
    void anAmdTheApiWouldRefuseIsRefusedHereToo(String amd) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.put("schemaVersion", 3);
        tree.set("amd", JSON.readTree(amd));
        assertThrows(MalformedMessageException.class, () -> codec.decode(JSON.writeValueAsString(tree)));
    }

    @Test
    void theEncodedFormCarriesItsSchemaVersion() throws Exception {
        assertEquals(2, JSON.readTree(codec.encode(MESSAGE)).get("schemaVersion").intValue());
    }

    @Test
    void version2CarriesTheTenantsLimitsAndTheTimelinesExpiry() {
        Call call = Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme", "+14045550199", "+14045550100", "did-main", null,
                null, "outbound", Map.of(), 45, Instant.parse("2025-03-01T12:00:00Z"), null, null)
                .withTimelineExpiresAt(Instant.parse("2025-03-31T12:00:00Z"));
        OriginateMessage message = OriginateMessage.of(call, new TenantLimits(7, 70));

        OriginateMessage read = codec.decode(codec.encode(message));

        assertEquals(message, read);
        assertEquals(new TenantLimits(7, 70), read.limits());
        assertEquals(Instant.parse("2025-03-31T12:00:00Z").getEpochSecond(), read.timelineExpiresAt());
    }

    @Test
    void aVersion1MessageIsStillReadWithoutLimits() {
        String v1 = """
                {"schemaVersion":1,"callId":"01JNC5Q0VKAB3DEF4GHJ5KMN6P","tenantId":"acme","to":"+14045550199",
                 "from":"+14045550100","context":"outbound","ringTimeoutSeconds":45,"variables":{},
                 "createdAt":"2025-03-01T12:00:00Z"}""";

        OriginateMessage read = codec.decode(v1);

        assertEquals(1, read.schemaVersion());
        assertEquals("acme", read.tenantId());
        assertNull(read.limits(), "the bridge's defaults apply");
        assertNull(read.timelineExpiresAt());
    }

    @Test
    void limitsBelowOneAreRefused() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.putObject("limits").put("callsPerSecond", 0).put("concurrentCalls", 5);

        assertThrows(MalformedMessageException.class, () -> codec.decode(tree.toString()));
    }

    @Test
    void fieldsANewerWriterAddsAreIgnored() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.put("priority", "high");

        assertEquals(MESSAGE, codec.decode(tree.toString()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 99})
    void anUnknownSchemaVersionIsRefusedNamingTheVersions(int version) {
        String body = withField("schemaVersion", version);

        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(body)).getMessage();

        assertTrue(message.contains("schemaVersion " + version + " is not supported"), message);
        assertTrue(message.contains("reads versions 1 to 5"), message);
    }

    @Test
    void aRetriedCallIsVersion5WithItsAttemptAndPolicy() throws Exception {
        io.outcall.core.retry.RetryPolicy policy = new io.outcall.core.retry.RetryPolicy(
                java.util.EnumSet.of(io.outcall.core.retry.RetryOutcome.BUSY), 4, 90);
        OriginateMessage retried = new OriginateMessage(5, MESSAGE.callId(), MESSAGE.tenantId(), MESSAGE.to(),
                MESSAGE.from(), MESSAGE.callerName(), MESSAGE.context(), MESSAGE.transferNumber(),
                MESSAGE.ringTimeoutSeconds(), MESSAGE.variables(), MESSAGE.createdAt(), MESSAGE.limits(),
                MESSAGE.timelineExpiresAt(), null, false, null, null, 3, policy);

        String encoded = codec.encode(retried);

        assertEquals(3, JSON.readTree(encoded).get("attempt").intValue());
        assertEquals(90, JSON.readTree(encoded).get("retry").get("delaySeconds").intValue());
        assertEquals(retried, codec.decode(encoded));
    }

    @Test
    void aMessageWithARetryPolicyTheApiWouldRefuseIsRefused() {
        String body = codec.encode(MESSAGE).replace("\"schemaVersion\":2", "\"schemaVersion\":5")
                .replaceFirst("}$", ",\"retry\":{\"on\":[\"ANSWERED\"],\"maxAttempts\":3,\"delaySeconds\":300}}");

        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(body)).getMessage();

        assertTrue(message.contains("retry.on[0]"), message);
    }

    @Test
    void aRetriedCallOfATenantWithACallingWindowIsOneVersion5MessageCarryingBoth() throws Exception {
        CallingWindow window = new CallingWindow(OutsideWindow.SCHEDULE, Map.of(DayOfWeek.TUESDAY,
                List.of(LocalHours.of("09:00", "17:00"))));
        io.outcall.core.retry.RetryPolicy policy = new io.outcall.core.retry.RetryPolicy(
                java.util.EnumSet.of(io.outcall.core.retry.RetryOutcome.NO_ANSWER), 3, 600);
        OriginateMessage message = OriginateMessage.of(MESSAGE_CALL.withRetry(policy), null, window);

        String encoded = codec.encode(message);

        assertEquals(5, JSON.readTree(encoded).get("schemaVersion").intValue());
        assertEquals("schedule", JSON.readTree(encoded).get("window").get("outsideWindow").textValue());
        assertEquals(600, JSON.readTree(encoded).get("retry").get("delaySeconds").intValue());
        OriginateMessage decoded = codec.decode(encoded);
        assertEquals(message, decoded);
        assertEquals(window, decoded.window());
        assertEquals(policy, decoded.retry());
        assertEquals(1, decoded.attempt());
    }

    @Test
    void aMessageWithoutSchemaVersionIsRefused() {
        String body = without("schemaVersion");

        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(body)).getMessage();

        assertTrue(message.contains("schemaVersion is missing"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"callId", "tenantId", "to"})
    void aMessageWithoutARequiredFieldIsRefused(String field) {
        String body = without(field);

        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(body)).getMessage();

        assertEquals("callId, tenantId and to are required", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "{\"schemaVersion\": 1, \"callId\": }"})
    void aBodyThatIsNotJsonIsRefused(String body) {
        assertThrows(MalformedMessageException.class, () -> codec.decode(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"to", "ringTimeoutSeconds", "variables"})
    void aFieldOfTheWrongTypeIsRefusedNamingIt(String field) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.putArray(field);

        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(tree.toString())).getMessage();

        assertTrue(message.startsWith("a field has the wrong type: " + field), message);
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThrows(MalformedMessageException.class, () -> codec.decode("[1]"));
    }

    @Test
    void brokenJsonIsNamedAsSuch() {
        String message = assertThrows(MalformedMessageException.class, () -> codec.decode("{\"schemaVersion\": 1,"))
                .getMessage();

        assertTrue(message.startsWith("not JSON"), message);
    }

    private String without(String field) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
            tree.remove(field);
            return tree.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String withField(String field, int value) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
            tree.put(field, value);
            return tree.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
