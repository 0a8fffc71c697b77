package io.outcall.bridge.originate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.outcall.bridge.originate.Pacer.Verdict.GO;
import static io.outcall.bridge.originate.Pacer.Verdict.WAIT_GLOBAL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many messages a receive may take: what the global limits let start within the hold. */
class PacerRoomTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void noRoomWhileEveryConcurrentSlotIsTakenAndOneSlotPerCallThatEnds() {
        Pacer pacer = new Pacer(1_000, 2, 1_000, 1_000, now::get);
        assertEquals(2, pacer.globalRoomWithin(Duration.ofSeconds(1)));
        assertEquals(GO, pacer.tryStart("a"));
        assertEquals(GO, pacer.tryStart("b"));
        assertEquals(0, pacer.globalRoomWithin(Duration.ofMinutes(10)), "however long the hold, no slot is free");
        pacer.finished("a");
        assertEquals(1, pacer.globalRoomWithin(Duration.ofSeconds(1)));
    }

    @Test
    void aSlowRateLetsAReceiveTakeOnlyWhatStartsWithinTheHold() {
        Pacer pacer = new Pacer(2, 1_000, 1_000, 1_000, now::get);
        // A burst of one second's worth now, then two a second.
        assertEquals(2 + 6, pacer.globalRoomWithin(Duration.ofSeconds(3)));
        assertEquals(GO, pacer.tryStart("a"));
        assertEquals(GO, pacer.tryStart("b"));
        assertEquals(WAIT_GLOBAL, pacer.tryStart("c"));
        assertEquals(0, pacer.globalRoomWithin(Duration.ofMillis(400)), "the next token is 500 ms away");
        assertEquals(1, pacer.globalRoomWithin(Duration.ofMillis(500)));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(1, pacer.globalRoomWithin(Duration.ZERO));
        assertEquals(GO, pacer.tryStart("c"));
    }
}
