package io.outcall.core.stats;

import io.outcall.core.calllog.InvalidQueryException;
import io.outcall.core.intake.Violation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A statistics request: {@code [from, to)} widened to whole buckets of {@code interval}. Without
 * {@code to} it ends now; without {@code from} it covers the last day (hourly) or 30 days (daily).
 * At most 92 days may be asked for; widening may add part of a bucket at each end.
 */
public record CallStatsQuery(Instant from, Instant to, StatsInterval interval) {

    public static final Duration MAX_RANGE = Duration.ofDays(92);
    private static final Set<String> PARAMETERS = new TreeSet<>(List.of("from", "to", "interval"));

    public static CallStatsQuery parse(Map<String, String> parameters, Instant now) {
        List<Violation> violations = new ArrayList<>();
        for (String name : new TreeSet<>(parameters.keySet())) {
            if (!PARAMETERS.contains(name)) {
                violations.add(new Violation(name, "is not a parameter of statistics; use from, to, interval"));
            }
        }
        StatsInterval interval = StatsInterval.HOUR;
        String intervalText = parameters.get("interval");
        if (intervalText != null) {
            switch (intervalText.strip().toLowerCase(Locale.ROOT)) {
                case "hour" -> interval = StatsInterval.HOUR;
                case "day" -> interval = StatsInterval.DAY;
                default -> violations.add(new Violation("interval", "'" + intervalText + "' is not hour or day"));
            }
        }
        Instant to = time(parameters.get("to"), "to", violations);
        Instant from = time(parameters.get("from"), "from", violations);
        if (!violations.isEmpty()) {
            throw new InvalidQueryException(violations);
        }
        Instant requestedTo = to == null ? now : to;
        // By default whole buckets: the last 24 hours or 30 days, the current one included.
        Instant requestedFrom = from != null ? from : interval.ceiling(requestedTo)
                .minus(interval == StatsInterval.HOUR ? Duration.ofDays(1) : Duration.ofDays(30));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidQueryException("from", "must be before to (from " + from + ", to " + to + ")");
        }
        // The cap is on the range asked for; widening it to whole buckets may add up to one bucket.
        if (Duration.between(requestedFrom, requestedTo).compareTo(MAX_RANGE) > 0) {
            throw new InvalidQueryException("to", "the range " + requestedFrom + " to " + requestedTo + " is longer than "
                    + MAX_RANGE.toDays() + " days; ask for at most " + MAX_RANGE.toDays() + " days at a time");
        }
        if (!requestedFrom.isBefore(requestedTo)) {
            throw new InvalidQueryException("from", "must be before to (from " + requestedFrom + ", to " + requestedTo + ")");
        }
        Instant start = interval.floor(requestedFrom);
        Instant end = interval.ceiling(requestedTo);
        return new CallStatsQuery(start, end, interval);
    }

    private static Instant time(String value, String field, List<Violation> violations) {
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
