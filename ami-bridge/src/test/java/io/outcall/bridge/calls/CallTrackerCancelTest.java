package io.outcall.bridge.calls;

import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tracker's side of a cancel, fed AMI events directly: which channels it hangs up and when,
 * that the cancel poll's repeats stay quiet, and the outcome a canceled call ends with.
 */
class CallTrackerCancelTest {

    private static final String CALL = "c-1";
    private static final String DIALED_HALF = "c-1-2";
    private static final String NEAR = "Local/+17065551233@outbound-00000001;1";
    private static final String FAR = "Local/+17065551233@outbound-00000001;2";
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private final BlockingQueue<ManagerEvent> events = new LinkedBlockingQueue<>();
    private final List<CallProgress> progress = new CopyOnWriteArrayList<>();
    private final List<CallEvent> timeline = new CopyOnWriteArrayList<>();
    private final List<String> hungUp = new CopyOnWriteArrayList<>();
    private final BridgeMetrics metrics = new BridgeMetrics();
    private int offered;
    private CallTracker tracker;
    private Thread thread;

    private void start(Duration cancelHangupRetry) {
        CallSink sink = new CallSink() {
            @Override
            public void progress(CallProgress p) {
                progress.add(p);
            }

            @Override
            public void event(CallEvent e) {
                timeline.add(e);
            }

            @Override
            public long backlog() {
                return 0;
            }
        };
        // No call here goes quiet for an hour: Asterisk is never asked.
        tracker = new CallTracker(events, sink, (callId, channel) -> hungUp.add(channel), Map::of, Runnable::run,
                metrics, Clock.systemUTC(), new CallTracker.Timing(Duration.ofMinutes(1), cancelHangupRetry,
                Duration.ofHours(1)), finished -> { });
        thread = Thread.ofPlatform().name("test-tracker").start(tracker);
        tracker.expect(CALL, "acme", "orig-" + CALL, DIALED_HALF);
    }

    @AfterEach
    void stop() throws InterruptedException {
        tracker.stop();
        thread.join(5_000);
    }

    @Test
    void aCallCanceledBeforeItsFirstChannelIsHungUpWhenThatChannelAppears() {
        start(Duration.ofHours(1));
        tracker.cancelRequested(CALL);
        tracker.cancelRequested(CALL);
        settle();
        assertEquals(List.of(), hungUp, "nothing to hang up yet");

        offer(newChannel(CALL, NEAR, 1));
        offer(newChannel(DIALED_HALF, FAR, 1));
        settle();
        assertEquals(List.of(NEAR), hungUp, "the first channel, once: the Local pair goes down with it");

        for (int i = 0; i < 5; i++) {
            tracker.cancelRequested(CALL); // the poll keeps listing the call until its final write
        }
        settle();
        assertEquals(List.of(NEAR), hungUp, "repeated polls do not repeat the Hangup");
        assertEquals(1, timeline.stream().filter(e -> e.name().equals("CancelRequested")).count());

        offer(hangup(CALL, NEAR, 16, 3));
        offer(hangup(DIALED_HALF, FAR, 16, 3));
        offer(originateFailure(1, 3));
        CallProgress last = awaitFinal();

        assertEquals(CallStatus.CANCELED, last.status());
        assertEquals(Disposition.CANCELED, last.disposition());
        assertEquals(new HangupCause(16, "Normal Clearing"), last.hangupCause());
        assertEquals(T0.plusSeconds(3), last.endedAt(), "ended when the channels hung up");
        assertEquals(0, last.talkSeconds());
    }

    @Test
    void anAnsweredCallCanceledEndsCanceledButKeepsItsAnswerAndTalkTime() {
        start(Duration.ofHours(1));
        offer(newChannel(CALL, NEAR, 1));
        offer(newChannel(DIALED_HALF, FAR, 1));
        offer(newState(CALL, NEAR, 6, 2));
        settle();

        tracker.cancelRequested(CALL);
        tracker.cancelRequested(CALL);
        settle();
        assertEquals(List.of(NEAR, FAR), hungUp, "every live channel, the originated one first, once");

        offer(hangup(CALL, NEAR, 16, 7));
        offer(hangup(DIALED_HALF, FAR, 16, 7));
        offer(originateSuccess(2));
        CallProgress last = awaitFinal();

        assertEquals(CallStatus.CANCELED, last.status());
        assertEquals(Disposition.ANSWERED, last.disposition());
        assertEquals(T0.plusSeconds(2), last.answeredAt());
        assertEquals(T0.plusSeconds(7), last.endedAt());
        assertEquals(5, last.talkSeconds());
    }

    @Test
    void aCallStillUpAfterTheRetryDelayGetsItsHangupAgain() {
        start(Duration.ZERO);
        offer(newChannel(CALL, NEAR, 1));
        settle();

        tracker.cancelRequested(CALL);
        tracker.cancelRequested(CALL);
        settle();

        assertEquals(List.of(NEAR, NEAR), hungUp);
    }

    @Test
    void aCancelForACallNotFollowedIsIgnored() {
        start(Duration.ofHours(1));
        tracker.cancelRequested("someone-elses-call");
        settle();

        assertEquals(List.of(), hungUp);
        assertEquals(List.of(), timeline);
        assertTrue(tracker.isFollowing(CALL));
    }

    private void offer(ManagerEvent event) {
        offered++;
        events.add(event);
    }

    /**
     * Returns once the tracker handled everything handed to it before. It counts each event as it
     * starts on it, and runs commands only between batches of events: once the count is reached, a
     * command submitted now runs after the last event was handled, and after earlier commands.
     */
    private void settle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metrics.amiEvents.sum() < offered) {
            assertTrue(System.nanoTime() < deadline, "the tracker is stuck");
            Thread.onSpinWait();
        }
        CountDownLatch ran = new CountDownLatch(1);
        tracker.submit(ran::countDown);
        try {
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the tracker is stuck");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }

    private CallProgress awaitFinal() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!progress.isEmpty() && progress.getLast().status().isFinal()) {
                return progress.getLast();
            }
            settle();
        }
        return fail("no final progress; got " + progress);
    }

    private static NewChannelEvent newChannel(String uniqueId, String channel, int second) {
        NewChannelEvent e = new NewChannelEvent("test");
        e.setUniqueId(uniqueId);
        e.setLinkedid(CALL);
        e.setChannel(channel);
        e.setChannelState(0);
        e.setDateReceived(Date.from(T0.plusSeconds(second)));
        return e;
    }

    private static NewStateEvent newState(String uniqueId, String channel, int state, int second) {
        NewStateEvent e = new NewStateEvent("test");
        e.setUniqueId(uniqueId);
        e.setLinkedId(CALL);
        e.setChannel(channel);
        e.setChannelState(state);
        e.setDateReceived(Date.from(T0.plusSeconds(second)));
        return e;
    }

    private static HangupEvent hangup(String uniqueId, String channel, int cause, int second) {
        HangupEvent e = new HangupEvent("test");
        e.setUniqueId(uniqueId);
        e.setLinkedId(CALL);
        e.setChannel(channel);
        e.setCause(cause);
        e.setCauseTxt("Normal Clearing");
        e.setDateReceived(Date.from(T0.plusSeconds(second)));
        return e;
    }

    private static OriginateResponseEvent originateFailure(int reason, int second) {
        return originateResponse("Failure", reason, second);
    }

    private static OriginateResponseEvent originateSuccess(int second) {
        return originateResponse("Success", 4, second);
    }

    private static OriginateResponseEvent originateResponse(String response, int reason, int second) {
        OriginateResponseEvent e = new OriginateResponseEvent("test");
        e.setActionId("orig-" + CALL);
        e.setResponse(response);
        e.setReason(reason);
        e.setUniqueId(CALL);
        e.setDateReceived(Date.from(T0.plusSeconds(second)));
        return e;
    }
}
