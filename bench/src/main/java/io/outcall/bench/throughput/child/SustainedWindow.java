package io.outcall.bench.throughput.child;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A run's sustained part: from 10 % to 90 % of its originates, leaving out the ramp-up and the tail,
 * so that rates compare between runs of different lengths.
 */
record SustainedWindow(Sample from, Sample to, Sample firstOriginate) {

    static SustainedWindow of(List<Sample> samples, Sample first, Sample last) {
        long originated = last.originates() - first.originates();
        return new SustainedWindow(Sample.firstReaching(samples, first.originates() + Math.max(1, originated / 10)),
                Sample.firstReaching(samples, first.originates() + Math.max(1, originated * 9 / 10)),
                Sample.firstReaching(samples, first.originates() + 1));
    }

    double seconds() {
        return from == null || to == null ? 0 : (to.nanos() - from.nanos()) / 1e9;
    }

    /** Per second over the window of a cumulative count. */
    double rate(ToLongFunction<Sample> count) {
        double seconds = seconds();
        return seconds > 0 ? (count.applyAsLong(to) - count.applyAsLong(from)) / seconds : 0;
    }

    long startEpochMillis() {
        return from == null ? 0 : from.epochMillis();
    }

    long endEpochMillis() {
        return to == null ? 0 : to.epochMillis();
    }

    /** Seconds from the first originate to {@code last}. */
    double overallSeconds(Sample last) {
        return firstOriginate == null ? 0 : (last.nanos() - firstOriginate.nanos()) / 1e9;
    }
}
