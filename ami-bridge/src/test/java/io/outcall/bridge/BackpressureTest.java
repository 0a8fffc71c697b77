package io.outcall.bridge;

import io.outcall.bridge.calls.CallSink;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When persistence falls behind, the bridge stops taking calls; it drops nothing. */
class BackpressureTest {

    private static final int HIGH_WATER = 20;
    /**
     * Calls whose events fill the backlog past {@link #HIGH_WATER} while their writes are held: enough
     * however many of a call's status steps the sink merges while they wait (5 busy calls once made
     * only 13 items, and the high water was never reached).
     */
    private static final int FIRST_CALLS = 12;
    private static final int HELD_BACK_CALLS = 30;

    /** The real DynamoDB store, whose progress writes wait until the test lets them through. */
    private static final class StalledWrites extends ForwardingCallStore {
        private final CountDownLatch open;
        private final CountDownLatch aWriteHeld = new CountDownLatch(1);

        StalledWrites(CallStore store, CountDownLatch open) {
            super(store);
            this.open = open;
        }

        @Override
        public boolean advance(CallProgress progress) {
            aWriteHeld.countDown();
            try {
                open.await(); // no time limit: the test's finally opens it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return store.advance(progress);
        }
    }

    /**
     * The bridge's sink, counting the times the bridge found its backlog at or over the high water:
     * the bridge reads it before each receive, to decide whether it may take calls.
     */
    private static final class WatchedBacklog implements CallSink {
        private final DynamoCallSink sink;
        private final LongAdder seenFull = new LongAdder();

        WatchedBacklog(DynamoCallSink sink) {
            this.sink = sink;
        }

        @Override public void progress(CallProgress progress) { sink.progress(progress); }
        @Override public void event(CallEvent event) { sink.event(event); }
        @Override public long lastEventSeq(String callId) { return sink.lastEventSeq(callId); }
        @Override public long lagMillis() { return sink.lagMillis(); }

        @Override
        public long backlog() {
            long backlog = sink.backlog();
            if (backlog >= HIGH_WATER) {
                seenFull.increment();
            }
            return backlog;
        }
    }

    @Test
    void aPersistenceBacklogStopsIntakeAndEverythingIsWrittenOnceItClears() throws Exception {
        try (BridgeHarness harness = BridgeHarness.start();
             PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build())) {
            CountDownLatch open = new CountDownLatch(1);
            StalledWrites stalled = new StalledWrites(harness.calls, open);
            BridgeMetrics metrics = new BridgeMetrics();
            DynamoCallSink writer = new DynamoCallSink(stalled, harness.events, metrics, 1);
            WatchedBacklog sink = new WatchedBacklog(writer);
            Bridge bridge = new Bridge(harness.config(pbx, "bridge-backpressure"), stalled, sink, HIGH_WATER,
                    harness.local.sqs(), metrics, Clock.systemUTC());
            bridge.start();
            try {
                List<Call> first = queueCalls(harness, FIRST_CALLS);
                // Once its one writer holds a write, the backlog only grows: from the first time the
                // bridge finds it full, it takes no call until the writes go through.
                BridgeHarness.await(stalled.aWriteHeld);
                BridgeHarness.awaitCount(writer::backlog, HIGH_WATER, "the backlog reached the high water");
                BridgeHarness.awaitCount(sink.seenFull::sum, sink.seenFull.sum() + 1, "the bridge saw its backlog full");

                List<Call> heldBack = queueCalls(harness, HELD_BACK_CALLS);
                BridgeHarness.awaitCount(sink.seenFull::sum, sink.seenFull.sum() + 2,
                        "the bridge looked at its backlog again, twice, with the calls waiting");
                for (Call call : heldBack) {
                    assertEquals(CallStatus.QUEUED, harness.calls.find(call.callId()).orElseThrow().status(),
                            "no call taken while writes are stuck");
                }

                open.countDown();

                for (Call call : heldBack) {
                    assertEquals(CallStatus.BUSY, harness.awaitFinal(call.callId()).status());
                }
                for (Call call : first) {
                    assertEquals(CallStatus.BUSY, harness.awaitFinal(call.callId()).status());
                }
                assertEquals(0, metrics.amiEventsDropped.sum(), "nothing dropped");
                assertEquals(FIRST_CALLS + HELD_BACK_CALLS, metrics.originates.sum());
            } finally {
                open.countDown();
                bridge.stop(Duration.ofSeconds(5));
            }
        }
    }

    private static List<Call> queueCalls(BridgeHarness harness, int count) {
        List<Call> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            calls.add(harness.queueCall("+17065551232"));
        }
        return calls;
    }
}
