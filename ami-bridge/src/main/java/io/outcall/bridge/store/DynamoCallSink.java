package io.outcall.bridge.store;

import io.outcall.bridge.calls.AttemptEnd;
import io.outcall.bridge.calls.CallSink;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.aws.TransientFailures;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallEventStore;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.CallRetries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Persists what the tracker learns, off the tracker thread. Work is spread over lanes by call id,
 * so one call's writes stay in order while calls are written in parallel. A call's events are held
 * briefly and written together, one item for the lot ({@link TimelineBuffer}), items 25 to a
 * request. Nothing is dropped for a passing failure (throttling, the network, a 5xx, a transaction
 * conflict): it is retried with backoff, and the backlog (which the bridge watches to
 * stop taking new calls) grows instead. A write that can never succeed is logged and counted
 * ({@code bridge_persistence_given_up_total}), not retried for ever.
 */
public final class DynamoCallSink implements CallSink, AutoCloseable {

    /**
     * The longest a call's events wait to be written with the next ones while its status stays the
     * same (e.g. the UserEvents of an IVR): how far a live call's timeline may lag behind.
     */
    public static final Duration TIMELINE_DELAY = Duration.ofSeconds(1);
    /** Events of one call held at most before they are written anyway (an item holds up to 50). */
    private static final int MAX_HELD_EVENTS = 50;

    private static final Logger log = LoggerFactory.getLogger(DynamoCallSink.class);

    private record Pending(Object item, long enqueuedNanos) {
    }

    /** A live call's answering-machine result, whole: only a call's latest one in a batch is written. */
    private record AmdReport(String callId, String tenantId, AmdOutcome outcome) {
    }

    private final CallStore calls;
    private final CallRetries retries;
    private final CallEventStore events;
    /** Calls whose timelines expire (their tenant's retention), until their final status is written. */
    private final Map<String, Instant> timelineExpiries = new ConcurrentHashMap<>();
    private final BridgeMetrics metrics;
    private final List<LinkedBlockingQueue<Pending>> lanes = new ArrayList<>();
    private final List<TimelineBuffer> heldEvents = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running = true;

    public DynamoCallSink(CallStore calls, CallEventStore events, BridgeMetrics metrics, int laneCount) {
        this(calls, events, metrics, laneCount, TIMELINE_DELAY);
    }

    /** @param timelineDelay the longest a call's events are held to be written together */
    public DynamoCallSink(CallStore calls, CallEventStore events, BridgeMetrics metrics, int laneCount,
                          Duration timelineDelay) {
        this(calls, null, events, metrics, laneCount, timelineDelay);
    }

    /** @param retries where a retried call's ended attempt goes; null: such a call ends as if not retried */
    public DynamoCallSink(CallStore calls, CallRetries retries, CallEventStore events, BridgeMetrics metrics,
                          int laneCount, Duration timelineDelay) {
        this.calls = calls;
        this.retries = retries;
        this.events = events;
        this.metrics = metrics;
        for (int i = 0; i < laneCount; i++) {
            LinkedBlockingQueue<Pending> lane = new LinkedBlockingQueue<>();
            TimelineBuffer held = new TimelineBuffer(timelineDelay, MAX_HELD_EVENTS);
            lanes.add(lane);
            heldEvents.add(held);
            Thread thread = Thread.ofPlatform().name("call-writer-" + i).daemon(true).unstarted(() -> drain(lane, held));
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public void progress(CallProgress progress) {
        enqueue(progress.callId(), progress);
    }

    @Override
    public void event(CallEvent event) {
        enqueue(event.callId(), event);
    }

    @Override
    public void attemptEnded(AttemptEnd end) {
        enqueue(end.callId(), end);
    }

    @Override
    public void amd(String callId, String tenantId, AmdOutcome outcome) {
        if (outcome != null) {
            enqueue(callId, new AmdReport(callId, tenantId, outcome));
        }
    }

    @Override
    public void timelineExpires(String callId, Instant expiresAt) {
        if (expiresAt != null) {
            timelineExpiries.put(callId, expiresAt);
        }
    }

    @Override
    public long lastEventSeq(String callId) {
        return events.lastSeq(callId);
    }

    @Override
    public long backlog() {
        return backlog.get();
    }

    @Override
    public long lagMillis() {
        long oldest = Long.MAX_VALUE;
        for (LinkedBlockingQueue<Pending> lane : lanes) {
            Pending head = lane.peek();
            if (head != null) {
                oldest = Math.min(oldest, head.enqueuedNanos());
            }
        }
        for (TimelineBuffer held : heldEvents) {
            oldest = Math.min(oldest, held.oldestNanos());
        }
        return oldest == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - oldest);
    }

    private void enqueue(String callId, Object item) {
        backlog.incrementAndGet();
        lanes.get(Math.floorMod(callId.hashCode(), lanes.size())).add(new Pending(item, System.nanoTime()));
    }

    private void drain(LinkedBlockingQueue<Pending> lane, TimelineBuffer held) {
        List<Pending> batch = new ArrayList<>(128);
        try {
            while (running || !lane.isEmpty()) {
                Pending first = lane.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    lane.drainTo(batch, 127);
                }
                // A call's progress items carry everything known so far, so when a backlog holds
                // several of one call, only the furthest is written (one final transaction instead
                // of RINGING, ANSWERED and the final one). Every step is still logged, in order.
                Map<String, CallProgress> furthest = new LinkedHashMap<>();
                Map<String, AmdReport> latestAmd = new HashMap<>();
                java.util.Set<String> statusWritten = new java.util.HashSet<>();
                for (Pending pending : batch) {
                    switch (pending.item()) {
                        case CallEvent event -> held.add(event, pending.enqueuedNanos());
                        case AmdReport report -> latestAmd.put(report.callId(), report);
                        case AttemptEnd end -> statusWritten.add(end.callId());
                        // Per attempt: a later attempt's DIALING ranks below an earlier one's RINGING.
                        case CallProgress progress -> furthest.merge(attemptKey(progress), progress,
                                (kept, next) -> next.status().rank() >= kept.status().rank() ? next : kept);
                        default -> throw new IllegalStateException("a lane holds only events, progress, attempt ends and AMD: "
                                + pending);
                    }
                }
                // Events first, then the status writes in order: a reader who sees a status finds the
                // events that led to it. A call's events are held until then (or a while, see
                // TimelineBuffer) so that they are written together, in one item.
                furthest.values().forEach(progress -> statusWritten.add(progress.callId()));
                flushEvents(held.take(statusWritten, System.nanoTime()));
                int written = 0;
                for (Pending pending : batch) {
                    if (pending.item() instanceof CallProgress progress) {
                        if (furthest.get(attemptKey(progress)) == progress) {
                            writeProgress(progress);
                        } else {
                            metrics.statusWritesCoalesced.increment();
                        }
                        logProgress(progress);
                        written++;
                    } else if (pending.item() instanceof AttemptEnd end) {
                        writeAttemptEnd(end);
                        written++;
                    } else if (pending.item() instanceof AmdReport report) {
                        // A final write in the same batch carries the result itself.
                        CallProgress last = latestOf(furthest, report.callId());
                        if (latestAmd.get(report.callId()) == report && (last == null || !last.status().isFinal())) {
                            writeAmd(report);
                        }
                        written++;
                    }
                }
                backlog.addAndGet(-written);
                batch.clear();
            }
            flushEvents(held.takeAll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void flushEvents(List<CallEvent> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        retrying("call events", () -> events.append(batch, timelineExpiries::get));
        metrics.callEventsPersisted.add(batch.size());
        batch.forEach(event -> metrics.eventWritten(event.receivedAt()));
        backlog.addAndGet(-batch.size());
    }

    private void writeProgress(CallProgress progress) throws InterruptedException {
        retrying("call " + progress.callId() + " " + progress.status(), () -> calls.advance(progress));
        if (progress.status().isFinal()) {
            // Its events were written before this (events first); a stray late one is kept for good.
            timelineExpiries.remove(progress.callId());
        }
    }

    private static String attemptKey(CallProgress progress) {
        return progress.callId() + "#" + progress.attempt();
    }

    /** The call's furthest progress of its latest attempt in the batch; null when it has none. */
    private static CallProgress latestOf(Map<String, CallProgress> furthest, String callId) {
        CallProgress latest = null;
        for (CallProgress progress : furthest.values()) {
            if (progress.callId().equals(callId) && (latest == null || progress.attempt() > latest.attempt())) {
                latest = progress;
            }
        }
        return latest;
    }

    /**
     * The call waits SCHEDULED for its next attempt; should it have moved on (a cancel came between
     * the attempt's end and this write), it ends as it would have without a retry.
     */
    private void writeAttemptEnd(AttemptEnd end) throws InterruptedException {
        boolean[] retried = {false};
        if (retries != null) {
            retrying("call " + end.callId() + " attempt " + end.ended().attempt() + " end",
                    () -> retried[0] = retries.retryLater(end.callId(), end.tenantId(), end.ended(), end.notBefore()));
        }
        if (retried[0]) {
            log.info("call {} attempt {} {} {}; attempt {} not before {}", end.callId(), end.ended().attempt(),
                    end.ended().status(), end.ended().disposition(), end.ended().attempt() + 1, end.notBefore());
        } else {
            writeProgress(end.finalIfNotRetried());
            logProgress(end.finalIfNotRetried());
        }
    }

    private void writeAmd(AmdReport report) throws InterruptedException {
        retrying("call " + report.callId() + " AMD", () -> calls.recordAmd(report.callId(), report.tenantId(), report.outcome()));
        AmdOutcome amd = report.outcome();
        log.info("call {} AMD {} {}{}", report.callId(), amd.status() == null ? "-" : amd.status(), amd.cause(),
                amd.voicemailLeft() ? " voicemail left" : "");
    }

    /** One line per state change: what an operator follows a call by. */
    private static void logProgress(CallProgress progress) {
        if (progress.status().isFinal()) {
            AmdOutcome amd = progress.amd();
            log.info("call {} {} {}{}{}{}", progress.callId(), progress.status(), progress.disposition(),
                    progress.hangupCause() == null ? "" : " cause " + progress.hangupCause().code() + " "
                            + progress.hangupCause().text(),
                    progress.failureReason() == null ? "" : " (" + progress.failureReason() + ")",
                    amd == null ? "" : " answeredBy: " + (amd.answeredBy() == null ? amd.status() : amd.answeredBy().json())
                            + " voicemailLeft: " + amd.voicemailLeft());
        } else {
            log.info("call {} {}", progress.callId(), progress.status());
        }
    }

    private void retrying(String what, Runnable write) throws InterruptedException {
        for (long backoff = 50; ; backoff = Math.min(5_000, backoff * 2)) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                metrics.persistenceErrors.increment();
                if (!TransientFailures.isTransient(e)) {
                    // It would fail the same way forever and hold every call behind it in this lane.
                    metrics.persistenceGivenUp.increment();
                    log.error("writing {} failed and cannot succeed by retrying; it is not written", what, e);
                    return;
                }
                log.warn("writing {} failed ({}); retrying in {} ms", what, e.getMessage(), backoff);
                Thread.sleep(backoff);
            }
        }
    }

    /** Writes everything handed over so far, then stops the lanes. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
