package io.outcall.core.stats;

import io.outcall.core.call.Disposition;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dials of a bucket, beside its calls: every attempt that was dialed counts once, by its outcome,
 * the retried ones when they end and the last one with its call's final write. A call dialed three
 * times is one call and three attempts; a call canceled or refused before any dial is no attempt.
 * Counters written before retries existed read as none.
 */
public record AttemptCounts(long total, Map<Disposition, Long> byDisposition) {

    public static final AttemptCounts NONE = new AttemptCounts(0, Map.of());

    public AttemptCounts {
        EnumMap<Disposition, Long> copy = new EnumMap<>(Disposition.class);
        copy.putAll(byDisposition);
        byDisposition = Collections.unmodifiableMap(copy);
    }

    public boolean any() {
        return total > 0;
    }

    /** With one more dial that ended with {@code disposition} (null: unknown, counted in the total only). */
    public AttemptCounts plus(Disposition disposition) {
        EnumMap<Disposition, Long> counts = new EnumMap<>(Disposition.class);
        counts.putAll(byDisposition);
        if (disposition != null) {
            counts.merge(disposition, 1L, Long::sum);
        }
        return new AttemptCounts(total + 1, counts);
    }

    public AttemptCounts plus(AttemptCounts other) {
        EnumMap<Disposition, Long> counts = new EnumMap<>(Disposition.class);
        counts.putAll(byDisposition);
        other.byDisposition.forEach((k, v) -> counts.merge(k, v, Long::sum));
        return new AttemptCounts(total + other.total, counts);
    }
}
