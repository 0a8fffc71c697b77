package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Live channels by name and Uniqueid, and live calls in creation order (what CoreShowChannels lists).
 * Uniqueid lookups also enforce Asterisk's rule that a ChannelId may not be reused while its channel lives.
 */
final class ChannelRegistry {

    private final Map<String, Channel> byName = new ConcurrentHashMap<>();
    private final Map<String, Channel> byUniqueid = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Call> calls = new ConcurrentSkipListMap<>();

    /** Atomically claims the Uniqueid; false when a live channel already has it. */
    boolean claim(Channel channel) {
        if (byUniqueid.putIfAbsent(channel.uniqueid, channel) != null) {
            return false;
        }
        byName.put(channel.name, channel);
        return true;
    }

    void release(Channel channel) {
        byUniqueid.remove(channel.uniqueid, channel);
        byName.remove(channel.name, channel);
    }

    boolean uniqueidInUse(String uniqueid) {
        return uniqueid != null && byUniqueid.containsKey(uniqueid);
    }

    Channel byName(String name) {
        return byName.get(name);
    }

    void addCall(Call call) {
        calls.put(call.sequence, call);
    }

    void removeCall(Call call) {
        calls.remove(call.sequence, call);
    }

    List<Call> calls() {
        return new ArrayList<>(calls.values());
    }

    int channelCount() {
        return byName.size();
    }
}
