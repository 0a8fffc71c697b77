package io.outcall.core.window;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.io.IOException;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A calling window as the tenant document, the tenant item and the queue message hold it:
 * {@code {"outsideWindow":"refuse","hours":{"monday":[{"from":"08:00","to":"21:00"}],...}}}.
 * A weekday left out is closed all day; "24:00" ends a range at midnight.
 */
public final class CallingWindowJson {

    public static final String FIELD = "callingWindow";
    static final Set<String> FIELDS = Set.of("outsideWindow", "hours");
    static final Set<String> DAYS = Arrays.stream(DayOfWeek.values()).map(CallingWindowJson::day)
            .collect(Collectors.toUnmodifiableSet());

    private CallingWindowJson() {
    }

    /**
     * Reads {@code callingWindow} of {@code fields}, recording every shape and format problem on
     * its violations (named {@code callingWindow.hours.monday[0].from}); null when absent or wrong.
     * Overlaps and an empty week are {@link #check}'s.
     */
    public static CallingWindow read(JsonFields fields) {
        JsonFields window = fields.object(FIELD);
        if (window == null) {
            return null;
        }
        int before = fields.violations().size();
        window.onlyKnown(FIELDS);
        String modeName = window.string("outsideWindow");
        OutsideWindow mode = OutsideWindow.ofJson(modeName).orElse(null);
        if (mode == null) {
            window.reject("outsideWindow", (modeName == null ? "is required: " : "must be ") + "one of "
                    + OutsideWindow.names() + " (refuse a call outside the window, or schedule it for the opening)");
        }
        Map<DayOfWeek, List<LocalHours>> hours = new EnumMap<>(DayOfWeek.class);
        JsonFields days = window.object("hours");
        if (days == null) {
            window.reject("hours", "is required: the allowed local hours per weekday, e.g. "
                    + "{\"monday\":[{\"from\":\"08:00\",\"to\":\"21:00\"}]}");
        } else {
            days.onlyKnown(DAYS);
            for (DayOfWeek day : DayOfWeek.values()) {
                List<JsonFields> ranges = days.objectList(day(day));
                if (ranges != null) {
                    hours.put(day, ranges.stream().map(CallingWindowJson::range).filter(r -> r != null).toList());
                }
            }
        }
        return fields.violations().size() > before ? null : new CallingWindow(mode, hours);
    }

    private static LocalHours range(JsonFields range) {
        range.onlyKnown(Set.of("from", "to"));
        String fromText = range.string("from");
        String toText = range.string("to");
        int from = LocalHours.minute(fromText);
        int to = LocalHours.minute(toText);
        boolean ok = true;
        if (from < 0 || from == LocalHours.END_OF_DAY) {
            range.reject("from", "must be a local time HH:mm from 00:00 to 23:59, was " + quoted(fromText));
            ok = false;
        }
        if (to < 0) {
            range.reject("to", "must be a local time HH:mm from 00:01 to 24:00, was " + quoted(toText));
            ok = false;
        }
        if (ok && to <= from) {
            range.reject("to", "must be later than from (" + fromText + "); a range ends the day it starts,"
                    + " so split one past midnight at 24:00");
            ok = false;
        }
        return ok ? new LocalHours(from, to) : null;
    }

    /** The rules across ranges: no two of a day overlap, and the week has hours at all. */
    public static void check(CallingWindow window, List<Violation> violations) {
        window.hours().forEach((day, ranges) -> {
            for (int i = 1; i < ranges.size(); i++) {
                if (ranges.get(i - 1).overlaps(ranges.get(i))) {
                    violations.add(new Violation(FIELD + ".hours." + day(day), "has overlapping ranges "
                            + text(ranges.get(i - 1)) + " and " + text(ranges.get(i)) + "; merge them into one"));
                }
            }
        });
        if (window.hours().isEmpty()) {
            violations.add(new Violation(FIELD + ".hours", "has no hours on any day, so no call could ever ring;"
                    + " give some hours, or remove callingWindow (null) to call at any time"));
        }
    }

    /** As the tenant document shows it. */
    public static ObjectNode node(CallingWindow window) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("outsideWindow", window.outsideWindow().json());
        ObjectNode days = doc.putObject("hours");
        window.hours().forEach((day, ranges) -> ranges.forEach(range -> days.withArrayProperty(day(day)).addObject()
                .put("from", range.fromText()).put("to", range.toText())));
        return doc;
    }

    /** As the field {@code name} of the object being written (the queue message), without a databind codec. */
    public static void write(JsonGenerator out, String name, CallingWindow window) throws IOException {
        out.writeObjectFieldStart(name);
        out.writeStringField("outsideWindow", window.outsideWindow().json());
        out.writeObjectFieldStart("hours");
        for (Map.Entry<DayOfWeek, List<LocalHours>> day : window.hours().entrySet()) {
            out.writeArrayFieldStart(day(day.getKey()));
            for (LocalHours range : day.getValue()) {
                out.writeStartObject();
                out.writeStringField("from", range.fromText());
                out.writeStringField("to", range.toText());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    /**
     * From what {@link #node} or {@link #write} wrote (a queue message), held to the admin API's
     * rules; the writer checked it, so a problem here is corrupt data.
     */
    public static CallingWindow parse(JsonNode node) {
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(FIELD, node);
        JsonFields fields = new JsonFields(holder, violations -> new IllegalArgumentException(violations.toString()));
        CallingWindow window = read(fields);
        if (window != null) {
            check(window, fields.violations());
        }
        if (!fields.violations().isEmpty()) {
            throw new IllegalArgumentException("the calling window is invalid: " + fields.violations());
        }
        return window;
    }

    static String day(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private static String text(LocalHours range) {
        return range.fromText() + "-" + range.toText();
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }
}
