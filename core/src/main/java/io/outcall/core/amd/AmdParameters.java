package io.outcall.core.amd;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Every {@code AMD()} argument of a tenant or a call; one not given is app_amd's default. */
public record AmdParameters(Map<AmdParameter, Integer> values) {

    public static final AmdParameters DEFAULTS = new AmdParameters(Map.of());

    public AmdParameters {
        EnumMap<AmdParameter, Integer> all = new EnumMap<>(AmdParameter.class);
        for (AmdParameter p : AmdParameter.values()) {
            all.put(p, p.defaultValue());
        }
        all.putAll(values);
        values = Collections.unmodifiableMap(all);
    }

    public int get(AmdParameter parameter) {
        return values.get(parameter);
    }

    /** These parameters with {@code overrides} (a call's) in place of their own. */
    public AmdParameters with(Map<AmdParameter, Integer> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        EnumMap<AmdParameter, Integer> merged = new EnumMap<>(values);
        merged.putAll(overrides);
        return new AmdParameters(merged);
    }
}
