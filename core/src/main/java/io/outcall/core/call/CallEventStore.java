package io.outcall.core.call;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The event timeline of calls. */
public interface CallEventStore {

    /**
     * Writes events, each handed over once, a call's in seq order; handing the same list over again
     * (a retry) is harmless. An event handed over again in another list could be stored twice.
     */
    void append(List<CallEvent> events);

    /**
     * As {@link #append(List)}, each call's items expiring at {@code expiresAt.apply(callId)}
     * (its tenant's retention); null keeps them. Stores without expiry keep everything.
     */
    default void append(List<CallEvent> events, Function<String, Instant> expiresAt) {
        append(events);
    }

    /** A call's events in order. */
    List<CallEvent> timeline(String callId);

    /** The highest seq stored for a call, 0 when it has none: where a process that adopts it goes on. */
    long lastSeq(String callId);
}
