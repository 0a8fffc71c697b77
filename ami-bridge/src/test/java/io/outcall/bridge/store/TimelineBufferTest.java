package io.outcall.bridge.store;

import io.outcall.core.call.CallEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a lane writes the call events it holds: before the call's status, when many, when old; in order. */
class TimelineBufferTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final TimelineBuffer buffer = new TimelineBuffer(Duration.ofSeconds(1), 5);

    @Test
    void aCallsEventsWaitForItsNextStatusAndGoTogetherInOrder() {
        events("a", 1, 3).forEach(e -> buffer.add(e, 0));
        events("b", 1, 2).forEach(e -> buffer.add(e, 0));
        buffer.add(event("a", 4), 10);

        assertEquals(List.of(), buffer.take(Set.of(), SECOND / 2), "nothing is due yet");
        assertEquals(events("a", 1, 4), buffer.take(Set.of("a"), SECOND / 2), "a's status is about to be written");
        assertEquals(0, buffer.oldestNanos(), "b still waits, since 0");
        assertEquals(events("b", 1, 2), buffer.take(Set.of(), SECOND), "b waited its second");
        assertTrue(buffer.isEmpty());
        assertEquals(Long.MAX_VALUE, buffer.oldestNanos());
    }

    @Test
    void aCallWithManyEventsHeldIsWrittenAtOnce() {
        events("a", 1, 5).forEach(e -> buffer.add(e, 0));
        assertEquals(events("a", 1, 5), buffer.take(Set.of(), 1));
    }

    @Test
    void aStopTakesEverything() {
        events("a", 1, 2).forEach(e -> buffer.add(e, 0));
        events("b", 1, 1).forEach(e -> buffer.add(e, 5));
        List<CallEvent> all = buffer.takeAll();
        assertEquals(3, all.size());
        assertTrue(buffer.isEmpty());
    }

    private static List<CallEvent> events(String callId, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> event(callId, seq)).toList();
    }

    private static CallEvent event(String callId, long seq) {
        return new CallEvent(callId, seq, "Newstate", Instant.EPOCH.plusSeconds(seq), "Local/x;1", Map.of());
    }
}
