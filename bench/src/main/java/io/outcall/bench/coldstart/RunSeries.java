package io.outcall.bench.coldstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** The runs of one variant (the function or its floor, with or without the archive), and their medians. */
final class RunSeries {

    private final String name;
    private final List<ChildRun> runs = new ArrayList<>();

    RunSeries(String name) {
        this.name = name;
    }

    void add(ChildRun run) {
        runs.add(run);
    }

    long median() {
        return median(ChildRun::ms);
    }

    long median(ToLongFunction<ChildRun> value) {
        long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : Math.round((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0);
    }

    long min() {
        return runs.stream().mapToLong(ChildRun::ms).min().orElseThrow();
    }

    String summary() {
        return String.format(Locale.ROOT, "%-14s median %d ms (min %d, max %d; wall median %d ms; init median %d ms, invoke median %d ms)",
                name + ":", median(), min(), runs.stream().mapToLong(ChildRun::ms).max().orElseThrow(), median(ChildRun::wallMs),
                median(ChildRun::initMs), median(ChildRun::invokeMs));
    }

    /**
     * How far this series is above its floor, and in which phase the difference lies. The ratio of
     * the fastest runs is printed beside it: when the two differ much, load on the machine moved
     * the medians, and more runs (--runs) or a quieter moment are needed.
     */
    String against(RunSeries floor) {
        return String.format(Locale.ROOT, "%-14s ratio %.2f to %s (%+d ms: init %+d ms, invoke %+d ms; fastest runs' ratio %.2f)",
                name + ":", ratio(floor), floor.name, median() - floor.median(),
                median(ChildRun::initMs) - floor.median(ChildRun::initMs),
                median(ChildRun::invokeMs) - floor.median(ChildRun::invokeMs), (double) min() / Math.max(1, floor.min()));
    }

    double ratio(RunSeries floor) {
        return (double) median() / Math.max(1, floor.median());
    }
}
