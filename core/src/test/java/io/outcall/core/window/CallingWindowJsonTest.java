package io.outcall.core.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class CallingWindowJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonFields fields(String json) throws Exception {
        return new JsonFields(MAPPER.readTree(json), v -> new IllegalArgumentException(v.toString()));
    }

    private static List<Violation> problems(String window) throws Exception {
        JsonFields fields = fields("{\"callingWindow\":" + window + "}");
        CallingWindow read = CallingWindowJson.read(fields);
        List<Violation> violations = new ArrayList<>(fields.violations());
        if (read != null) {
            CallingWindowJson.check(read, violations);
        }
        return violations;
    }

    @Test
    void reads_and_writes_the_same_document() throws Exception {
        String doc = "{\"outsideWindow\":\"schedule\",\"hours\":{\"monday\":[{\"from\":\"08:00\",\"to\":\"12:00\"},"
                + "{\"from\":\"13:00\",\"to\":\"21:00\"}],\"saturday\":[{\"from\":\"10:00\",\"to\":\"24:00\"}]}}";
        JsonFields fields = fields("{\"callingWindow\":" + doc + "}");
        CallingWindow window = CallingWindowJson.read(fields);
        assertEquals(List.of(), fields.violations());
        assertNotNull(window);
        assertEquals(OutsideWindow.SCHEDULE, window.outsideWindow());
        assertEquals(List.of(LocalHours.of("10:00", "24:00")), window.hours().get(DayOfWeek.SATURDAY));
        assertEquals(MAPPER.readTree(doc), CallingWindowJson.node(window));
        assertEquals(window, CallingWindowJson.parse(CallingWindowJson.node(window)));
    }

    @Test
    void absent_means_no_window() throws Exception {
        assertNull(CallingWindowJson.read(fields("{}")));
        assertNull(CallingWindowJson.read(fields("{\"callingWindow\":null}")));
    }

    @Test
    void names_every_bad_field_and_the_fix() throws Exception {
        List<Violation> violations = problems("{\"hours\":{\"mon\":[],\"tuesday\":[{\"from\":\"8:00\",\"to\":\"25:00\"},"
                + "{\"from\":\"21:00\",\"to\":\"09:00\"}]}}");
        List<String> fields = violations.stream().map(Violation::field).toList();
        assertEquals(List.of("callingWindow.outsideWindow", "callingWindow.hours.mon",
                "callingWindow.hours.tuesday[0].from", "callingWindow.hours.tuesday[0].to",
                "callingWindow.hours.tuesday[1].to"), fields, violations.toString());
        assertEquals("must be later than from (21:00); a range ends the day it starts, so split one past midnight"
                + " at 24:00", violations.get(4).message());
    }

    @Test
    void refuses_overlaps_and_an_empty_week() throws Exception {
        assertEquals(List.of(new Violation("callingWindow.hours.friday", "has overlapping ranges 08:00-12:00 and"
                        + " 11:30-14:00; merge them into one")),
                problems("{\"outsideWindow\":\"refuse\",\"hours\":{\"friday\":[{\"from\":\"11:30\",\"to\":\"14:00\"},"
                        + "{\"from\":\"08:00\",\"to\":\"12:00\"}]}}"));
        assertEquals(List.of("callingWindow.hours"), problems("{\"outsideWindow\":\"refuse\",\"hours\":{}}").stream()
                .map(Violation::field).toList());
        assertEquals(List.of("callingWindow.hours"), problems("{\"outsideWindow\":\"refuse\"}").stream()
                .map(Violation::field).toList());
        // Ranges that touch are fine.
        assertEquals(List.of(), problems("{\"outsideWindow\":\"refuse\",\"hours\":{\"friday\":["
                + "{\"from\":\"08:00\",\"to\":\"12:00\"},{\"from\":\"12:00\",\"to\":\"14:00\"}]}}"));
    }

    @Test
    void a_stored_window_that_is_corrupt_is_an_error() {
        JsonNode bad = MAPPER.createObjectNode().put("outsideWindow", "sometimes");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CallingWindowJson.parse(bad));
    }
}
