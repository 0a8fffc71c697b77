package io.outcall.core.stats;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.amd.AnsweredBy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The answering-machine counters of a bucket: calls by who answered, messages left on machines,
 * and the detection time summed over the calls it is known for (for the average).
 */
public record AmdCounts(Map<AnsweredBy, Long> byAnsweredBy, long voicemailsLeft, long timedCalls, long millisTotal) {

    public static final AmdCounts NONE = new AmdCounts(Map.of(), 0, 0, 0);

    public AmdCounts {
        EnumMap<AnsweredBy, Long> copy = new EnumMap<>(AnsweredBy.class);
        copy.putAll(byAnsweredBy);
        byAnsweredBy = Collections.unmodifiableMap(copy);
    }

    /** With one more final call; a call without a result counts nowhere. */
    public AmdCounts plus(AmdOutcome amd) {
        if (amd == null) {
            return this;
        }
        EnumMap<AnsweredBy, Long> counts = new EnumMap<>(AnsweredBy.class);
        counts.putAll(byAnsweredBy);
        if (amd.answeredBy() != null) {
            counts.merge(amd.answeredBy(), 1L, Long::sum);
        }
        return new AmdCounts(counts, voicemailsLeft + (amd.voicemailLeft() ? 1 : 0),
                timedCalls + (amd.millis() == null ? 0 : 1), millisTotal + (amd.millis() == null ? 0 : amd.millis()));
    }

    public AmdCounts plus(AmdCounts other) {
        EnumMap<AnsweredBy, Long> counts = new EnumMap<>(AnsweredBy.class);
        counts.putAll(byAnsweredBy);
        other.byAnsweredBy.forEach((k, v) -> counts.merge(k, v, Long::sum));
        return new AmdCounts(counts, voicemailsLeft + other.voicemailsLeft, timedCalls + other.timedCalls,
                millisTotal + other.millisTotal);
    }

    /** Whether any call of the bucket had a detection result (a bucket without shows no AMD figures). */
    public boolean any() {
        return !byAnsweredBy.isEmpty() || voicemailsLeft > 0 || timedCalls > 0;
    }

    public Double averageMillis() {
        return timedCalls == 0 ? null : (double) millisTotal / timedCalls;
    }
}
