package io.outcall.bridge.calls;

import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallProgress;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two paths can find the same orphan (the start-up sweep and a returning message): it is adopted once. */
class CallTrackerAdoptTest {

    @Test
    void anOrphanFoundTwiceIsAdoptedOnceAndTakesOnePermit() throws Exception {
        CallSink sink = new CallSink() {
            @Override
            public void progress(CallProgress p) {
            }

            @Override
            public void event(CallEvent e) {
            }

            @Override
            public long backlog() {
                return 0;
            }
        };
        CallTracker tracker = new CallTracker(new LinkedBlockingQueue<ManagerEvent>(), sink, (callId, channel) -> { },
                Map::of, Runnable::run, new BridgeMetrics(), Clock.systemUTC(),
                new CallTracker.Timing(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)), finished -> { });
        Thread thread = Thread.ofPlatform().name("test-tracker").start(tracker);
        try {
            Call recorded = Call.queued("c-9", "acme", "+17065551231", "+14045550100", "did-main", null, null, "Hold",
                    Map.of(), 30, Instant.parse("2026-11-24T08:00:00Z"), null, null);
            AtomicInteger permits = new AtomicInteger();
            tracker.adopt(recorded, "c-9", "orig-c-9", "c-9-2", 4, List.of("c-9", "c-9-2"), permits::incrementAndGet);
            tracker.adopt(recorded, "c-9", "orig-c-9", "c-9-2", 4, List.of("c-9", "c-9-2"), permits::incrementAndGet);
            CountDownLatch bothRan = new CountDownLatch(1);
            tracker.submit(bothRan::countDown); // commands run in order: both adopts are ahead of it
            assertTrue(bothRan.await(10, TimeUnit.SECONDS), "the tracker ran its commands");

            assertTrue(tracker.isFollowing("c-9"));
            assertEquals(1, permits.get(), "one pacing permit for one call");
        } finally {
            tracker.stop();
            thread.join(5_000);
        }
    }
}
