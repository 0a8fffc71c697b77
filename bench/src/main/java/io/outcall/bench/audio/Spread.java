package io.outcall.bench.audio;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a set of measured values (nearest rank). */
record Spread(double p50, double p99, double max, int count) {

    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing was measured");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Spread(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
