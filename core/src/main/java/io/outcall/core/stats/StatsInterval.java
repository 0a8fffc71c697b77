package io.outcall.core.stats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The width of a statistics bucket. Buckets are UTC hours or days; each is one counter item,
 * keyed {@code H#2026-11-24T07} or {@code D#2026-11-24} so a range of them is one key-range query.
 */
public enum StatsInterval {
    HOUR(ChronoUnit.HOURS, "H#", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC)),
    DAY(ChronoUnit.DAYS, "D#", DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC));

    private final ChronoUnit unit;
    private final String keyPrefix;
    private final DateTimeFormatter keyFormat;

    StatsInterval(ChronoUnit unit, String keyPrefix, DateTimeFormatter keyFormat) {
        this.unit = unit;
        this.keyPrefix = keyPrefix;
        this.keyFormat = keyFormat;
    }

    /** The start of the bucket {@code at} falls in. */
    public Instant floor(Instant at) {
        return at.truncatedTo(unit);
    }

    /** The start of the first bucket at or after {@code at}. */
    public Instant ceiling(Instant at) {
        Instant floor = floor(at);
        return floor.equals(at) ? at : next(floor);
    }

    public Instant next(Instant bucketStart) {
        return bucketStart.plus(1, unit);
    }

    public String bucketKey(Instant at) {
        return keyPrefix + keyFormat.format(floor(at));
    }

    public Instant startOf(String bucketKey) {
        String time = bucketKey.substring(keyPrefix.length());
        return Instant.parse(this == HOUR ? time + ":00:00Z" : time + "T00:00:00Z");
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
