package io.outcall.bridge;

import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.store.CallProgress;
import io.outcall.core.store.CallStore;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When persistence falls behind, the bridge stops taking calls; it drops nothing. */
class BackpressureTest {

    /** The real DynamoDB store, whose progress writes wait until the test lets them through. */
    private static final class StalledWrites extends ForwardingCallStore {
        private final CountDownLatch open;

        StalledWrites(CallStore store, CountDownLatch open) {
            super(store);
            this.open = open;
        }

        @Override
        public boolean advance(CallProgress progress) {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.advance(progress);
        }
    }

    @Test
    void aPersistenceBacklogStopsIntakeAndEverythingIsWrittenOnceItClears() throws Exception {
        try (BridgeHarness harness = BridgeHarness.start();
             PbxSimulator pbx = PbxSimulator.start(BridgeHarness.simulator().build())) {
            CountDownLatch open = new CountDownLatch(1);
            CallStore stalled = new StalledWrites(harness.calls, open);
            BridgeMetrics metrics = new BridgeMetrics();
            DynamoCallSink sink = new DynamoCallSink(stalled, harness.events, metrics, 1);
            Bridge bridge = new Bridge(harness.config(pbx, "bridge-backpressure"), stalled, sink, 20, harness.local.sqs(),
                    metrics, Clock.systemUTC());
            bridge.start();
            try {
                List<Call> calls = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    calls.add(harness.queueCall("+17065551232"));
                }
                awaitBacklog(sink, 20);
                BridgeHarness.sleep(500);
                long stillQueued = calls.stream().filter(c -> harness.calls.find(c.callId()).orElseThrow().status()
                        == CallStatus.QUEUED).count();
                assertTrue(stillQueued > 0, "the bridge stopped claiming while writes were stuck");

                open.countDown();

                for (Call call : calls) {
                    assertEquals(CallStatus.BUSY, harness.awaitFinal(call.callId()).status());
                }
                assertEquals(0, metrics.amiEventsDropped.sum(), "nothing dropped");
                assertEquals(30, metrics.originates.sum());
            } finally {
                open.countDown();
                bridge.stop(Duration.ofSeconds(5));
            }
        }
    }

    private static void awaitBacklog(DynamoCallSink sink, long atLeast) {
        for (int i = 0; i < 3_000 && sink.backlog() < atLeast; i++) {
            BridgeHarness.sleep(10);
        }
        assertTrue(sink.backlog() >= atLeast, "backlog reached " + sink.backlog());
    }
}
