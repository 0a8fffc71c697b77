package io.outcall.bridge.calls;

import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows every call the bridge dialed, on one thread, so call state needs no locks: takes AMI
 * events off the bridge's queue and hands them to {@link AmiEventMapper}, runs what other threads
 * submit between batches of events, and sweeps for calls the events alone will not end. A call
 * ends only through {@link CallFinisher}; {@link CallCancels} stops canceled calls;
 * {@link AsteriskReconciliation} asks Asterisk about calls whose events may have been missed.
 *
 * <p>Other threads talk to it only through {@link #expect} (before the Originate is sent),
 * {@link #adopt}, {@link #refused}, {@link #cancelRequested} and {@link #submit}; the read-only
 * questions ({@link #knows}, {@link #following}, ...) are safe from any thread.
 */
public final class CallTracker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);
    /** The sweep's deadlines are seconds long: ten sweeps a second is plenty. */
    private static final long SWEEP_INTERVAL_NANOS = 100_000_000L;

    /**
     * @param originateResponseGrace how long a call whose channels are all down waits for its
     *                               OriginateResponse before it ends without
     * @param cancelHangupRetry      how long a canceled call may stay up after its Hangup before
     *                               the next cancel request for it sends the Hangup again
     * @param quietCallAfter         how long a call may go without any event before Asterisk is
     *                               asked whether it still has it
     */
    public record Timing(Duration originateResponseGrace, Duration cancelHangupRetry, Duration quietCallAfter) {
    }

    private final BlockingQueue<ManagerEvent> events;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private final FollowedCalls calls = new FollowedCalls();
    private final TrackerCommands commands = new TrackerCommands();
    private final CallSink sink;
    private final CallFinisher finisher;
    private final CallCancels cancels;
    private final AmiEventMapper mapper;
    private final AsteriskReconciliation reconciliation;
    private volatile boolean running = true;
    private long lastSweepNanos;

    /**
     * @param hangups    how a canceled call's channels are hung up
     * @param asterisk   how Asterisk is asked which channels it has
     * @param io         where that question is asked: never the tracker or an AMI thread
     * @param onFinished hears each call's end once, on the tracker thread: must return at once
     */
    public CallTracker(BlockingQueue<ManagerEvent> events, CallSink sink, ChannelHangups hangups,
                       AsteriskChannels asterisk, Executor io, BridgeMetrics metrics, Clock clock, Timing timing,
                       Consumer<FinishedCall> onFinished) {
        this(events, sink, hangups, asterisk, io, metrics, clock, timing, onFinished, OptOuts.NONE);
    }

    /** @param optOuts hears each callee's opt-out, on the tracker thread: must return at once */
    public CallTracker(BlockingQueue<ManagerEvent> events, CallSink sink, ChannelHangups hangups,
                       AsteriskChannels asterisk, Executor io, BridgeMetrics metrics, Clock clock, Timing timing,
                       Consumer<FinishedCall> onFinished, OptOuts optOuts) {
        this.events = events;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        CallJournal journal = new CallJournal(sink);
        this.finisher = new CallFinisher(calls, journal, metrics, clock, timing.originateResponseGrace(), onFinished);
        this.cancels = new CallCancels(calls, journal, hangups, clock, timing.cancelHangupRetry());
        this.mapper = new AmiEventMapper(calls, journal, cancels, finisher, optOuts);
        this.reconciliation = new AsteriskReconciliation(calls, finisher, commands, asterisk, io, clock,
                timing.quietCallAfter());
    }

    /** Registers a call about to be originated; call before sending the Originate. */
    public void expect(String callId, String tenantId, String actionId, String dialedHalfId) {
        expect(callId, tenantId, actionId, dialedHalfId, null);
    }

    /** @param timelineExpiresAt when the call's stored events expire (its tenant's retention); null keeps them */
    public void expect(String callId, String tenantId, String actionId, String dialedHalfId, Instant timelineExpiresAt) {
        expect(callId, callId, 1, RetryPlan.NONE, tenantId, actionId, dialedHalfId, timelineExpiresAt);
    }

    /**
     * Registers attempt {@code attempt} of a call about to be originated with {@code channelId}; a
     * later attempt's timeline goes on after the earlier ones' events (read from the store: not the
     * tracker thread, which this is not).
     */
    public void expect(String callId, String channelId, int attempt, RetryPlan retry, String tenantId, String actionId,
                       String dialedHalfId, Instant timelineExpiresAt) {
        sink.timelineExpires(callId, timelineExpiresAt);
        LiveCall call = new LiveCall(callId, channelId, attempt, retry, tenantId, actionId, dialedHalfId,
                CallStatus.DIALING, CallFacts.NONE, clock.instant());
        if (attempt > 1) {
            call.seq = sink.lastEventSeq(callId);
        }
        calls.follow(call);
    }

    /**
     * Follows a call dialed before this tracker existed (a bridge restart), whose channels are
     * still up in Asterisk.
     *
     * @param recorded     the call as the previous process wrote it: the final write's ring and
     *                     talk times build on it
     * @param lastEventSeq the last seq of the call's stored timeline: new events go on after it
     * @param onAdopted    runs on the tracker thread if the call is adopted, not when it was followed
     *                     already (two paths may find the same orphan): where its pacing permit is taken
     */
    public void adopt(Call recorded, String channelId, String actionId, String dialedHalfId, long lastEventSeq,
                      Collection<String> liveChannelIds, Runnable onAdopted) {
        String callId = recorded.callId();
        sink.timelineExpires(callId, recorded.timelineExpiresAt());
        // Adopted on the attempt it was dialed as; its policy holds for what comes after.
        LiveCall call = new LiveCall(callId, channelId, recorded.attempt(),
                new RetryPlan(recorded.retry(), java.util.function.UnaryOperator.identity()), recorded.tenantId(),
                actionId, dialedHalfId, recorded.status(), CallFacts.recorded(recorded), clock.instant());
        call.seq = lastEventSeq;
        call.amd = AmdFacts.recorded(recorded.amdOutcome());
        commands.submit(() -> {
            if (calls.isFollowing(callId)) {
                return;
            }
            onAdopted.run();
            call.channels.adopted(liveChannelIds, channelId, recorded.channel());
            calls.follow(call);
        });
    }

    public boolean isFollowing(String callId) {
        return calls.isFollowing(callId);
    }

    /**
     * True for calls this process follows or finished recently: their final write may still be on
     * its way, so a duplicate message for them must not be mistaken for an orphan.
     */
    public boolean knows(String callId) {
        return calls.knows(callId);
    }

    public int following() {
        return calls.size();
    }

    /** Seconds since this tracker began following its longest-followed call; 0 when it follows none. */
    public long oldestFollowedCallAgeSeconds() {
        return calls.oldestAgeSeconds(clock.instant());
    }

    /** Runs {@code command} on the tracker thread, between events. */
    public void submit(Runnable command) {
        commands.submit(command);
    }

    /** The call's tenant asked to stop it; see {@link CallCancels#requested}. */
    public void cancelRequested(String callId) {
        commands.submit(() -> cancels.requested(callId));
    }

    /** Ends a call Asterisk never dialed (Originate refused or not sent), with the reason. */
    public void refused(String callId, String reason) {
        commands.submit(() -> {
            LiveCall call = calls.byCallId(callId);
            if (call != null) {
                finisher.endByVerdict(call, reason, clock.instant());
            }
        });
    }

    /**
     * After an AMI reconnect: calls whose channels Asterisk no longer has ended while the bridge
     * could not see, and end with a reason instead of waiting forever. Blocks on CoreShowChannels:
     * call it on an I/O thread, never the tracker's or asterisk-java's.
     */
    public void reconcileAfterReconnect() throws IOException {
        reconciliation.afterReconnect();
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<ManagerEvent> batch = new ArrayList<>(256);
        while (running || !events.isEmpty()) {
            try {
                commands.runAll();
                ManagerEvent first = events.poll(50, TimeUnit.MILLISECONDS);
                Instant now = clock.instant();
                if (first != null) {
                    batch.add(first);
                    events.drainTo(batch, 255);
                    for (ManagerEvent event : batch) {
                        handleSafely(event, now);
                    }
                    batch.clear();
                }
                sweepSafely(now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        commands.runAll();
    }

    private void handleSafely(ManagerEvent event, Instant now) {
        metrics.amiEvents.increment();
        Instant at = event.getDateReceived() == null ? now : event.getDateReceived().toInstant();
        metrics.lastEventAtMillis.set(at.toEpochMilli());
        try {
            mapper.apply(event, at, now);
        } catch (RuntimeException e) {
            // One malformed event must not stop the following of this call, or of any other.
            log.error("handling {} failed; continuing", event.getClass().getSimpleName(), e);
        }
    }

    /** Ends calls whose OriginateResponse is overdue, and asks Asterisk about quiet ones. */
    private void sweepSafely(Instant now) {
        long nowNanos = System.nanoTime();
        if (calls.size() == 0 || nowNanos - lastSweepNanos < SWEEP_INTERVAL_NANOS) {
            return;
        }
        lastSweepNanos = nowNanos;
        try {
            finisher.settleAll(now);
            reconciliation.askAboutQuietCalls(now);
        } catch (RuntimeException e) {
            log.error("sweeping followed calls failed; continuing", e);
        }
    }
}
