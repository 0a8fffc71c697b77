package io.outcall.core.stats;

import io.outcall.core.calllog.InvalidQueryException;
import io.outcall.core.calllog.QueryParameters;
import io.outcall.core.validation.Violation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A statistics request: {@code [from, to)} widened to whole buckets of {@code interval}. Without
 * {@code to} it ends now; without {@code from} it covers the last day (hourly) or 30 days (daily).
 * At most 92 days may be asked for; widening may add part of a bucket at each end.
 */
public record CallStatsQuery(Instant from, Instant to, StatsInterval interval) {

    public static final Duration MAX_RANGE = Duration.ofDays(92);
    private static final Set<String> PARAMETERS = Set.of("from", "to", "interval");

    public static CallStatsQuery parse(Map<String, String> parameters, Instant now) {
        List<Violation> violations = new ArrayList<>();
        QueryParameters.rejectUnknown(parameters, PARAMETERS, violations);
        StatsInterval chosen = QueryParameters.oneOf(parameters.get("interval"), "interval", StatsInterval.class, violations);
        StatsInterval interval = chosen == null ? StatsInterval.HOUR : chosen;
        Instant to = QueryParameters.instant(parameters.get("to"), "to", violations);
        Instant from = QueryParameters.instant(parameters.get("from"), "from", violations);
        if (!violations.isEmpty()) {
            throw new InvalidQueryException(violations);
        }
        Instant requestedTo = to == null ? now : to;
        // By default whole buckets: the last 24 hours or 30 days, the current one included.
        Instant requestedFrom = from != null ? from : interval.ceiling(requestedTo)
                .minus(interval == StatsInterval.HOUR ? Duration.ofDays(1) : Duration.ofDays(30));
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
}
