package io.outcall.bridge;

import io.outcall.bridge.ami.AmiLink;
import io.outcall.bridge.ami.AnyUserEvent;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.pbxsim.PbxSimulator;
import org.asteriskjava.manager.ManagerEventListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * asterisk-java drops AMI events when its own dispatch queue (20,000) is full, and says so only in
 * a log line. Each AMI link counts the drops of its own connection, so a bridge's
 * {@code bridge_asterisk_java_queue_full_total} is its own, whatever else runs in the process.
 */
class AsteriskJavaDropsTest {

    /** asterisk-java's AsyncEventPump queue, plus the event its stalled dispatcher holds. */
    private static final int PUMP_HOLDS = 20_000 + 1;
    private static final int FLOOD = PUMP_HOLDS + 100;

    @Test
    void eventsAsteriskJavaDropsAreCountedOnTheLinkThatDroppedThem() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        ExecutorService background = Executors.newCachedThreadPool();
        CountDownLatch release = new CountDownLatch(1);
        BridgeMetrics flooded = new BridgeMetrics();
        BridgeMetrics calm = new BridgeMetrics();
        try (PbxSimulator floodingPbx = PbxSimulator.start(BridgeHarness.simulator().build());
             PbxSimulator calmPbx = PbxSimulator.start(BridgeHarness.simulator().build());
             // A listener stuck on the flood's first event stalls asterisk-java's dispatch of that link.
             AmiLink stuck = link(floodingPbx, event -> {
                 if (event instanceof AnyUserEvent) {
                     BridgeHarness.await(release);
                 }
             }, scheduler, background, flooded);
             AmiLink other = link(calmPbx, event -> { }, scheduler, background, calm)) {
            stuck.start();
            other.start();
            BridgeHarness.awaitCount(() -> stuck.isUp() && other.isUp() ? 1 : 0, 1, "both links up");

            floodingPbx.replay(userEvents(FLOOD));

            BridgeHarness.awaitCount(flooded.asteriskJavaQueueFull::sum, FLOOD - PUMP_HOLDS,
                    "asterisk-java's drops counted on the stalled link");
            assertEquals(FLOOD - PUMP_HOLDS, flooded.asteriskJavaQueueFull.sum(), "every drop counted once");
            assertEquals(0, calm.asteriskJavaQueueFull.sum(), "another link's drops are not this one's");
        } finally {
            release.countDown();
            scheduler.shutdownNow();
            background.shutdownNow();
        }
    }

    /** Pings far apart: the stalled link must not be dropped for a Pong stuck behind the flood. */
    private static AmiLink link(PbxSimulator pbx, ManagerEventListener listener, ScheduledExecutorService scheduler,
                                ExecutorService background, BridgeMetrics metrics) {
        AmiLink.Settings settings = new AmiLink.Settings("127.0.0.1", pbx.port(), "admin", "admin_password",
                Duration.ofMinutes(5), Duration.ofMinutes(10));
        return new AmiLink(settings, listener, new AmiLink.Observer() {
            @Override
            public void connected(boolean reconnect) {
            }

            @Override
            public void disconnected() {
            }
        }, scheduler, background, metrics);
    }

    private static byte[] userEvents(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 64);
        for (int i = 0; i < count; i++) {
            out.writeBytes(("Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: Flood\r\nSeq: " + i + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
