package io.outcall.core.tenant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a call that names no {@code from} gets its caller-ID. */
public enum CallerIdStrategy {
    /** The tenant's least recently used active DID. */
    LEAST_RECENTLY_USED("leastRecentlyUsed"),
    /** An active DID sharing the callee's area, least recently used among those; else the whole pool. */
    LOCAL_PRESENCE("localPresence");

    private final String json;

    CallerIdStrategy(String json) {
        this.json = json;
    }

    /** The name the API and the tenant item use. */
    public String json() {
        return json;
    }

    public static Optional<CallerIdStrategy> ofJson(String name) {
        return Arrays.stream(values()).filter(s -> s.json.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(CallerIdStrategy::json).toList();
    }
}
