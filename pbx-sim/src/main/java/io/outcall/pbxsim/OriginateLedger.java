package io.outcall.pbxsim;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many Originates the simulator accepted (answered and ran) per ChannelId, across restarts:
 * the ground truth a test of at-most-once dialing compares against. An Originate without a
 * ChannelId, or with one refused for its form, is not counted.
 */
public final class OriginateLedger {

    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

    void accepted(String channelId) {
        if (channelId != null) {
            accepted.computeIfAbsent(channelId, id -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Accepted Originates for one ChannelId; 0 when it was never dialed. */
    public int acceptedFor(String channelId) {
        AtomicInteger count = accepted.get(channelId);
        return count == null ? 0 : count.get();
    }

    /** A copy: ChannelId to accepted Originates. */
    public Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new HashMap<>();
        accepted.forEach((id, count) -> copy.put(id, count.get()));
        return Map.copyOf(copy);
    }
}
