package io.outcall.core.validation;

import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.InvalidCallRequestException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonFields fields(JsonNode object) {
        return new JsonFields(object, InvalidCallRequestException::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "null"})
    void theBodyMustBeAnObject(String body) {
        var e = assertThrows(InvalidCallRequestException.class, () -> fields(parse(body)));

        assertEquals(List.of(new Violation("body", "must be a JSON object")), e.violations());
    }

    @Test
    void aCleanObjectHasNoViolations() {
        JsonFields fields = fields(parse("""
                {"to": "+14045550100", "ringTimeoutSeconds": 30, "variables": {"A": "caf\\u00e9 \\"x\\""}}"""));

        assertEquals(List.of(), fields.violations());
    }

    @Test
    void aControlCharacterInATopLevelValueIsReportedWithItsFieldAndCode() {
        ObjectNode body = JSON.createObjectNode().put("to", "+1404\r\n5550100");

        Violation violation = onlyViolation(fields(body));

        assertEquals("to", violation.field());
        assertTrue(violation.message().contains("control character (code 13)"), violation.message());
    }

    @Test
    void controlCharactersAreFoundAtAnyDepth() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("variables").put("GREETING", "hi\nAction: Hangup").put("FINE", "ok");
        body.putObject("meta").putObject("deep").put("note", "nul\u0000");
        body.putArray("tags").add("ok").add("line\u2028sep");

        JsonFields fields = fields(body);

        assertEquals(Set.of("variables.GREETING", "meta.deep.note", "tags[1]"), fieldsOf(fields.violations()));
    }

    @Test
    void aControlCharacterInAFieldNameIsReportedOnTheObjectHoldingIt() {
        ObjectNode body = JSON.createObjectNode().put("bad\rname", "x");
        body.putObject("variables").put("A\nB", "x");

        JsonFields fields = fields(body);

        assertEquals(Set.of("body", "variables"), fieldsOf(fields.violations()));
        for (Violation v : fields.violations()) {
            assertTrue(v.message().contains("field name with a control character"), v.message());
        }
    }

    @Test
    void onlyKnownReportsEachUnknownFieldAndListsTheKnownOnes() {
        JsonFields fields = fields(parse("""
                {"to": "+14045550100", "form": "did-main", "extra": 1}"""));

        fields.onlyKnown(Set.of("to", "from"));

        assertEquals(Set.of("form", "extra"), fieldsOf(fields.violations()));
        assertTrue(fields.violations().getFirst().message().contains("expected one of [from, to]"),
                fields.violations().getFirst().message());
    }

    @Test
    void absentAndNullFieldsReadAsNothingWithoutViolations() {
        JsonFields fields = fields(parse("""
                {"to": null, "variables": null}"""));

        assertNull(fields.string("to"));
        assertNull(fields.string("from"));
        assertNull(fields.integer("ringTimeoutSeconds"));
        assertEquals(Map.of(), fields.stringMap("variables"));
        assertEquals(List.of(), fields.violations());
    }

    @Test
    void valuesOfTheRightTypeAreRead() {
        JsonFields fields = fields(parse("""
                {"to": "+14045550100", "ringTimeoutSeconds": 45, "variables": {"A": "1", "B": "2"}}"""));

        assertEquals("+14045550100", fields.string("to"));
        assertEquals(45, fields.integer("ringTimeoutSeconds"));
        assertEquals(Map.of("A", "1", "B", "2"), fields.stringMap("variables"));
        assertEquals(List.of(), fields.violations());
    }

    @Test
    void everyWrongTypeIsRecordedAndReadsAsNothing() {
        JsonFields fields = fields(parse("""
                {"to": 14045550100, "from": ["did-main"], "ringTimeoutSeconds": "30",
                 "variables": {"A": "ok", "B": 2, "C": {"x": "y"}}}"""));

        assertNull(fields.string("to"));
        assertNull(fields.string("from"));
        assertNull(fields.integer("ringTimeoutSeconds"));
        assertEquals(Map.of("A", "ok"), fields.stringMap("variables"));

        assertEquals(List.of(
                new Violation("to", "must be a string"),
                new Violation("from", "must be a string"),
                new Violation("ringTimeoutSeconds", "must be a whole number"),
                new Violation("variables.B", "must be a string"),
                new Violation("variables.C", "must be a string")), fields.violations());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30.5", "1e1", "true", "4294967296"})
    void anIntegerFieldRefusesWhatIsNotAnIntWholeNumber(String value) {
        JsonFields fields = fields(parse("{\"ringTimeoutSeconds\": " + value + "}"));

        assertNull(fields.integer("ringTimeoutSeconds"));
        assertEquals(List.of(new Violation("ringTimeoutSeconds", "must be a whole number")), fields.violations());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"A=1\"", "[\"A\"]", "7"})
    void aMapFieldMustBeAnObject(String value) {
        JsonFields fields = fields(parse("{\"variables\": " + value + "}"));

        assertEquals(Map.of(), fields.stringMap("variables"));
        assertEquals(List.of(new Violation("variables", "must be an object of string values")), fields.violations());
    }

    @Test
    void callRequestJsonReadsEveryCallField() {
        JsonFields fields = fields(parse("""
                {"to": "+14045550199", "from": "did-main", "context": "survey", "transferNumber": "+14045550142",
                 "ringTimeoutSeconds": 45, "variables": {"GREETING": "hello"}}"""));

        CallRequest request = CallRequestJson.read(fields);

        assertEquals(new CallRequest("+14045550199", "did-main", "survey", "+14045550142", 45,
                Map.of("GREETING", "hello")), request);
        assertEquals(List.of(), fields.violations());
    }

    @Test
    void firstControlCharacterFindsTheFirstOne() {
        assertEquals(-1, JsonFields.firstControlCharacter("plain text \u00e9"));
        assertEquals(10, JsonFields.firstControlCharacter("a\nb\rc"));
        assertEquals(0x2029, JsonFields.firstControlCharacter("para\u2029"));
        assertEquals(0x85, JsonFields.firstControlCharacter("next\u0085line"));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Violation onlyViolation(JsonFields fields) {
        assertEquals(1, fields.violations().size(), fields.violations().toString());
        return fields.violations().getFirst();
    }

    private static Set<String> fieldsOf(List<Violation> violations) {
        return violations.stream().map(Violation::field).collect(Collectors.toSet());
    }
}
