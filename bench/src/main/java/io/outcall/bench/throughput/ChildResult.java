package io.outcall.bench.throughput;

import java.util.LinkedHashMap;
import java.util.Map;

/** A child's {@code @result LABEL key=value...} line, read back. */
record ChildResult(Map<String, String> values) {

    static ChildResult parse(String pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : pairs.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new ChildResult(out);
    }

    String get(String key) {
        return values.get(key);
    }

    String getOrDefault(String key, String absent) {
        return values.getOrDefault(key, absent);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean isTrue(String key) {
        return "true".equals(values.get(key));
    }

    /** The figure, or 0 when the child did not report it. */
    double number(String key) {
        String v = values.get(key);
        return v == null ? 0 : Double.parseDouble(v);
    }
}
