package io.outcall.core.stats;

import io.outcall.core.calllog.InvalidQueryException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallStatsQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:41:10Z");

    @Test
    void withoutARangeItIsTheLastDayByHourOrTheLast30DaysByDay() {
        CallStatsQuery hourly = CallStatsQuery.parse(Map.of(), NOW);
        assertEquals(Instant.parse("2026-11-24T09:00:00Z"), hourly.to(), "the current hour included");
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), hourly.from());
        CallStatsQuery daily = CallStatsQuery.parse(Map.of("interval", "day"), NOW);
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), daily.to());
        assertEquals(Instant.parse("2026-10-26T00:00:00Z"), daily.from());
    }

    @Test
    void aRangeWidensToWholeBuckets() {
        CallStatsQuery query = CallStatsQuery.parse(Map.of("from", "2026-11-01T10:30:00+01:00",
                "to", "2026-11-02T00:00:00Z"), NOW);
        assertEquals(Instant.parse("2026-11-01T09:00:00Z"), query.from());
        assertEquals(Instant.parse("2026-11-02T00:00:00Z"), query.to());
    }

    @Test
    void ninetyTwoDaysIsTheMostAndTheErrorSaysSo() {
        CallStatsQuery.parse(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-04-03T00:00:00Z", "interval", "day"), NOW);
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> CallStatsQuery.parse(
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-04-03T00:00:01Z", "interval", "day"), NOW));
        assertEquals("to", e.violations().getFirst().field());
        assertEquals(true, e.getMessage().contains("92 days"), e.getMessage());
        CallStatsQuery lastNinetyTwoDays = CallStatsQuery.parse(
                Map.of("from", NOW.minus(java.time.Duration.ofDays(92)).toString(), "to", NOW.toString(), "interval", "day"), NOW);
        assertEquals(93, java.time.Duration.between(lastNinetyTwoDays.from(), lastNinetyTwoDays.to()).toDays(),
                "the last 92 days, to the second, widen to 93 whole days and are allowed");
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> CallStatsQuery.parse(
                Map.of("from", "monday", "interval", "week", "tenant", "other"), NOW));
        assertEquals(3, e.violations().size(), e.getMessage());
    }
}
