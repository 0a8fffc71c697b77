package io.outcall.bridge.calls;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The channels of one call: which are up, which were seen hanging up, and their names. Tracker thread only. */
final class CallChannels {

    private final Set<String> live = new HashSet<>();
    /** Channel name by uniqueid, as Newchannel reported it: AMI Hangup names a channel, not an id. */
    private final Map<String, String> names = new HashMap<>();
    /** Channels seen hanging up; a stale CoreShowChannels snapshot must not revive them. */
    private final Set<String> ended = new HashSet<>();
    private boolean anySeen;

    void appeared(String uniqueId, String name) {
        anySeen = true;
        live.add(uniqueId);
        if (name != null) {
            names.put(uniqueId, name);
        }
    }

    void hungUp(String uniqueId) {
        live.remove(uniqueId);
        ended.add(uniqueId);
    }

    /**
     * Channels an earlier process saw: Asterisk's list of them, and the originated one's name,
     * which a cancel must still be able to name.
     */
    void adopted(Collection<String> liveIds, String originatedId, String originatedName) {
        anySeen = true;
        live.addAll(liveIds);
        if (originatedName != null) {
            names.put(originatedId, originatedName);
        }
    }

    /**
     * Takes Asterisk's word for which channels are up. The snapshot was taken before events this
     * thread may already have handled: a channel seen hanging up since does not come back to life.
     */
    void reconcile(Set<String> inAsterisk) {
        Set<String> up = new HashSet<>(inAsterisk);
        up.removeAll(ended);
        live.retainAll(up);
        live.addAll(up);
        if (!live.isEmpty()) {
            anySeen = true; // Asterisk showed them: their Hangups, when they come, end the call
        }
    }

    boolean anySeen() {
        return anySeen;
    }

    boolean noneLive() {
        return live.isEmpty();
    }

    /**
     * What to name in a Hangup for each live channel, the originated one first. A channel known
     * only from CoreShowChannels has no name here: Asterisk's channel lookup falls back to the
     * uniqueid, so that is given instead.
     */
    List<String> hangupTargets(String originatedId) {
        return live.stream()
                .sorted(Comparator.comparing((String id) -> !id.equals(originatedId)).thenComparing(id -> id))
                .map(id -> names.getOrDefault(id, id))
                .toList();
    }
}
