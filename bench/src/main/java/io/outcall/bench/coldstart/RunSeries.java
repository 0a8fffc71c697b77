package io.outcall.bench.coldstart;

import java.util.ArrayList;
import java.util.Arrays;
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
     * How far this series is above its floor, and in which phase the difference lies. Beside it,
     * the ratio of the fastest runs, and the ratios of the runs paired round by round (run i over
     * the floor's run i, taken moments apart under the same load): their median and middle half
     * show how far the medians' ratio can be trusted. When that half spans more than the change
     * being judged, more runs (--runs) or a quieter moment are needed.
     */
    String against(RunSeries floor) {
        double[] paired = pairedRatios(floor);
        return String.format(Locale.ROOT, "%-14s ratio %.2f to %s (%+d ms: init %+d ms, invoke %+d ms; fastest runs' ratio %.2f;"
                        + " paired by round: median %.2f, middle half %.2f-%.2f)",
                name + ":", ratio(floor), floor.name, median() - floor.median(),
                median(ChildRun::initMs) - floor.median(ChildRun::initMs),
                median(ChildRun::invokeMs) - floor.median(ChildRun::invokeMs), (double) min() / Math.max(1, floor.min()),
                quantile(paired, 0.5), quantile(paired, 0.25), quantile(paired, 0.75));
    }

    /** This series' run i over the floor's run i, sorted; both series get one run per round. */
    private double[] pairedRatios(RunSeries floor) {
        int n = Math.min(runs.size(), floor.runs.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = (double) runs.get(i).ms() / Math.max(1, floor.runs.get(i).ms());
        }
        Arrays.sort(ratios);
        return ratios;
    }

    /** The q-quantile of sorted values, interpolated between the two nearest. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    double ratio(RunSeries floor) {
        return (double) median() / Math.max(1, floor.median());
    }
}
