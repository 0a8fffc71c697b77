package io.outcall.core.stats;

import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counters of one bucket (or of a sum of buckets). Ring times are kept as a histogram of whole
 * seconds, so the 90th percentile of any range is exact, not an average of percentiles.
 *
 * @param start          the bucket's start; for a sum, the first bucket's
 * @param ringCalls      calls that rang, over which ring time is averaged
 * @param ringHistogram  ring seconds to number of calls; the last bin counts every longer ring
 * @param talkCalls      answered calls with a known talk time
 * @param amd            answering-machine detection's counters
 * @param attempts       the dials of its calls, retried ones included ({@code calls} counts each call once)
 */
public record StatsBucket(Instant start, long calls, Map<CallStatus, Long> byStatus,
                          Map<Disposition, Long> byDisposition, long ringCalls, long ringSecondsTotal,
                          SortedMap<Integer, Long> ringHistogram, long talkCalls, long talkSecondsTotal,
                          AmdCounts amd, AttemptCounts attempts) {

    /** Ring times of this many seconds or more share the histogram's last bin. */
    public static final int RING_HISTOGRAM_CAP = 600;

    public StatsBucket {
        byStatus = Collections.unmodifiableMap(copy(byStatus, CallStatus.class));
        byDisposition = Collections.unmodifiableMap(copy(byDisposition, Disposition.class));
        ringHistogram = Collections.unmodifiableSortedMap(new TreeMap<>(ringHistogram));
        amd = amd == null ? AmdCounts.NONE : amd;
        attempts = attempts == null ? AttemptCounts.NONE : attempts;
    }

    /** A bucket without attempt counters. */
    public StatsBucket(Instant start, long calls, Map<CallStatus, Long> byStatus, Map<Disposition, Long> byDisposition,
                       long ringCalls, long ringSecondsTotal, SortedMap<Integer, Long> ringHistogram, long talkCalls,
                       long talkSecondsTotal, AmdCounts amd) {
        this(start, calls, byStatus, byDisposition, ringCalls, ringSecondsTotal, ringHistogram, talkCalls,
                talkSecondsTotal, amd, AttemptCounts.NONE);
    }

    /** A bucket without answering-machine counters. */
    public StatsBucket(Instant start, long calls, Map<CallStatus, Long> byStatus, Map<Disposition, Long> byDisposition,
                       long ringCalls, long ringSecondsTotal, SortedMap<Integer, Long> ringHistogram, long talkCalls,
                       long talkSecondsTotal) {
        this(start, calls, byStatus, byDisposition, ringCalls, ringSecondsTotal, ringHistogram, talkCalls,
                talkSecondsTotal, AmdCounts.NONE);
    }

    public static StatsBucket empty(Instant start) {
        return new StatsBucket(start, 0, Map.of(), Map.of(), 0, 0, new TreeMap<>(), 0, 0);
    }

    public static int ringBin(int ringSeconds) {
        return Math.min(Math.max(ringSeconds, 0), RING_HISTOGRAM_CAP);
    }

    /** This bucket with one more call: the increments a final write applies, done in memory. */
    public StatsBucket plus(CountedCall call) {
        Map<CallStatus, Long> statuses = copy(byStatus, CallStatus.class);
        statuses.merge(call.status(), 1L, Long::sum);
        Map<Disposition, Long> dispositions = copy(byDisposition, Disposition.class);
        if (call.disposition() != null) {
            dispositions.merge(call.disposition(), 1L, Long::sum);
        }
        TreeMap<Integer, Long> histogram = new TreeMap<>(ringHistogram);
        if (call.ringSeconds() != null) {
            histogram.merge(ringBin(call.ringSeconds()), 1L, Long::sum);
        }
        return new StatsBucket(start, calls + 1, statuses, dispositions,
                ringCalls + (call.ringSeconds() == null ? 0 : 1),
                ringSecondsTotal + (call.ringSeconds() == null ? 0 : call.ringSeconds()), histogram,
                talkCalls + (call.talkSeconds() == null ? 0 : 1),
                talkSecondsTotal + (call.talkSeconds() == null ? 0 : call.talkSeconds()), amd.plus(call.amd()), attempts);
    }

    /** This bucket with one more dial that ended with {@code disposition}: an attempt, not a call. */
    public StatsBucket plusAttempt(Disposition disposition) {
        return new StatsBucket(start, calls, byStatus, byDisposition, ringCalls, ringSecondsTotal, ringHistogram,
                talkCalls, talkSecondsTotal, amd, attempts.plus(disposition));
    }

    /** The sum of two buckets, starting at the earlier start. */
    public StatsBucket plus(StatsBucket other) {
        Map<CallStatus, Long> statuses = copy(byStatus, CallStatus.class);
        other.byStatus.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        Map<Disposition, Long> dispositions = copy(byDisposition, Disposition.class);
        other.byDisposition.forEach((k, v) -> dispositions.merge(k, v, Long::sum));
        TreeMap<Integer, Long> histogram = new TreeMap<>(ringHistogram);
        other.ringHistogram.forEach((k, v) -> histogram.merge(k, v, Long::sum));
        Instant first = start.isBefore(other.start) ? start : other.start;
        return new StatsBucket(first, calls + other.calls, statuses, dispositions, ringCalls + other.ringCalls,
                ringSecondsTotal + other.ringSecondsTotal, histogram, talkCalls + other.talkCalls,
                talkSecondsTotal + other.talkSecondsTotal, amd.plus(other.amd), attempts.plus(other.attempts));
    }

    public long answered() {
        return byDisposition.getOrDefault(Disposition.ANSWERED, 0L);
    }

    /** Answered calls over all final calls; null when there were none. */
    public Double answerRate() {
        return calls == 0 ? null : (double) answered() / calls;
    }

    public Double averageRingSeconds() {
        return ringCalls == 0 ? null : (double) ringSecondsTotal / ringCalls;
    }

    public Double averageTalkSeconds() {
        return talkCalls == 0 ? null : (double) talkSecondsTotal / talkCalls;
    }

    /** Nearest-rank 90th percentile of ring time in whole seconds; null when no call rang. */
    public Integer p90RingSeconds() {
        if (ringCalls == 0) {
            return null;
        }
        long rank = (long) Math.ceil(0.9 * ringCalls);
        long seen = 0;
        for (Map.Entry<Integer, Long> bin : ringHistogram.entrySet()) {
            seen += bin.getValue();
            if (seen >= rank) {
                return bin.getKey();
            }
        }
        return ringHistogram.lastKey();
    }

    private static <E extends Enum<E>> Map<E, Long> copy(Map<E, Long> counts, Class<E> type) {
        EnumMap<E, Long> copy = new EnumMap<>(type);
        copy.putAll(counts);
        return copy;
    }
}
