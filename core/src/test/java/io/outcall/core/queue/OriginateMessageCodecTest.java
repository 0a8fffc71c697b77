package io.outcall.core.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.call.Call;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.queue.OriginateMessageCodec.MalformedMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginateMessageCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OriginateMessageCodec codec = new OriginateMessageCodec(JSON);

    private static final OriginateMessage MESSAGE = OriginateMessage.of(Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P",
            "acme", "+14045550199", "+14045550100", "did-main", "Acme Sales", "+14045550142", "outbound",
            Map.of("GREETING", "hello \"there\"", "LANG", "en"), 45, Instant.parse("2025-03-01T12:00:00.123Z"),
            new JourneyRef("j", "e", "s"), "acme#http#k1"));

    @Test
    void aMessageSurvivesTheRoundTrip() {
        assertEquals(MESSAGE, codec.decode(codec.encode(MESSAGE)));
    }

    @Test
    void ofCopiesWhatTheBridgeNeedsFromTheCall() {
        assertEquals(new OriginateMessage(OriginateMessage.CURRENT_VERSION, "01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme",
                "+14045550199", "+14045550100", "Acme Sales", "outbound", "+14045550142", 45,
                Map.of("GREETING", "hello \"there\"", "LANG", "en"), "2025-03-01T12:00:00.123Z"), MESSAGE);
    }

    @Test
    void theEncodedFormCarriesItsSchemaVersion() throws Exception {
        assertEquals(1, JSON.readTree(codec.encode(MESSAGE)).get("schemaVersion").intValue());
    }

    @Test
    void fieldsANewerWriterAddsAreIgnored() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(codec.encode(MESSAGE));
        tree.put("priority", "high");

        assertEquals(MESSAGE, codec.decode(tree.toString()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 99})
    void anUnknownSchemaVersionIsRefusedNamingTheVersions(int version) {
        String body = withField("schemaVersion", version);

        String message = assertThrows(MalformedMessageException.class, () -> codec.decode(body)).getMessage();

        assertTrue(message.contains("schemaVersion " + version + " is not supported"), message);
        assertTrue(message.contains("reads version 1"), message);
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
