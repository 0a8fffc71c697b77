package io.outcall.core.calllog;

import io.outcall.core.validation.Violation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reading a read request's query parameters: each problem is added to a list of violations,
 * naming the parameter and the fix, so a request hears about all of them at once.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** One violation per parameter that is not among {@code known}. */
    public static void rejectUnknown(Map<String, String> parameters, Set<String> known, List<Violation> violations) {
        for (String name : new TreeSet<>(parameters.keySet())) {
            if (!known.contains(name)) {
                violations.add(new Violation(name, "is not a parameter here; use " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** The constant named by {@code value}, in any case; null when absent or unknown (then reported). */
    public static <E extends Enum<E>> E oneOf(String value, String field, Class<E> type, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "'" + value + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
            return null;
        }
    }

    /** An ISO-8601 time with an offset; null when absent or malformed (then reported). */
    public static Instant instant(String value, String field, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "'" + value + "' is not an ISO-8601 time with an offset,"
                    + " e.g. 2026-11-24T08:00:00Z"));
            return null;
        }
    }
}
