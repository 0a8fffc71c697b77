package io.outcall.bridge.store;

import io.outcall.core.call.CallEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One writer lane's call events held back so that a call's events are written together, in one
 * write-once item, instead of an item each: DynamoDB bills every item written by the KB, rounded up,
 * and an event is a few hundred bytes. A call's events go out before its next status is written (a
 * reader who sees a status finds the events that led to it), once {@code maxEvents} wait, or once the
 * oldest has waited {@code maxDelay} (how far a live call's timeline may lag). Used by its lane's
 * thread only; {@link #oldestNanos} may be read from any thread.
 */
final class TimelineBuffer {

    private record Held(long sinceNanos, List<CallEvent> events) {
    }

    private final Duration maxDelay;
    private final int maxEvents;
    private final Map<String, Held> calls = new LinkedHashMap<>();
    private volatile long oldestNanos = Long.MAX_VALUE;

    TimelineBuffer(Duration maxDelay, int maxEvents) {
        this.maxDelay = maxDelay;
        this.maxEvents = maxEvents;
    }

    void add(CallEvent event, long enqueuedNanos) {
        calls.computeIfAbsent(event.callId(), id -> new Held(enqueuedNanos, new ArrayList<>())).events().add(event);
        oldestNanos = Math.min(oldestNanos, enqueuedNanos);
    }

    /**
     * The events to write now, a call's together and in order: those of {@code statusWritten} (calls
     * whose status is about to be written), and of calls with {@code maxEvents} held or held since
     * {@code maxDelay} before {@code nowNanos}.
     */
    List<CallEvent> take(Collection<String> statusWritten, long nowNanos) {
        List<CallEvent> due = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, Held>> it = calls.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Held> call = it.next();
            Held held = call.getValue();
            if (statusWritten.contains(call.getKey()) || held.events().size() >= maxEvents
                    || nowNanos - held.sinceNanos() >= maxDelay.toNanos()) {
                due.addAll(held.events());
                it.remove();
            } else {
                oldest = Math.min(oldest, held.sinceNanos());
            }
        }
        oldestNanos = oldest;
        return due;
    }

    /** Everything held: for a stop. */
    List<CallEvent> takeAll() {
        List<CallEvent> all = new ArrayList<>();
        calls.values().forEach(held -> all.addAll(held.events()));
        calls.clear();
        oldestNanos = Long.MAX_VALUE;
        return all;
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /** When the oldest event held was handed over ({@link System#nanoTime}), {@code Long.MAX_VALUE} when none is. */
    long oldestNanos() {
        return oldestNanos;
    }
}
