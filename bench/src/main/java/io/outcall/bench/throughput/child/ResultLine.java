package io.outcall.bench.throughput.child;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One {@code @result LABEL key=value...} line, the child's answer to a run, read by the parent. */
final class ResultLine {

    private final String label;
    private final Map<String, String> values = new LinkedHashMap<>();

    ResultLine(String label) {
        this.label = label;
    }

    ResultLine put(String key, String value) {
        values.put(key, value);
        return this;
    }

    ResultLine put(String key, long value) {
        return put(key, Long.toString(value));
    }

    /** One decimal, whatever the locale. */
    ResultLine put(String key, double value) {
        return put(key, String.format(Locale.ROOT, "%.1f", value));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("@result ").append(label);
        values.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        return out.toString();
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    static double meanMillis(long nanos, long n) {
        return n == 0 ? 0 : nanos / 1e6 / n;
    }
}
