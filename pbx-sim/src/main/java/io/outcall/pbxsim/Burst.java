package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;

/**
 * The events one dialplan step produces "at the same instant". Real Asterisk raises them from several threads,
 * so only their order within such an instant is ever observed to vary; {@link Reorderer} permutes a burst before
 * it is published.
 */
final class Burst {

    /** An event plus the channel it is about (null for OriginateResponse, bridge and device events). */
    record Entry(AmiMessage message, Channel channel) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(AmiMessage message, Channel channel) {
        entries.add(new Entry(message, channel));
    }

    void add(AmiMessage message) {
        entries.add(new Entry(message, null));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Hands the entries over and empties the burst. */
    List<Entry> drain() {
        List<Entry> out = new ArrayList<>(entries);
        entries.clear();
        return out;
    }
}
