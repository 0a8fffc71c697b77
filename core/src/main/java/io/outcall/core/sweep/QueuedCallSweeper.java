package io.outcall.core.sweep;

import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finds calls that have waited QUEUED too long and gets them dialed or ended. A call can be left
 * QUEUED for good when the process that recorded it died before queueing it, or when its message
 * was dead-lettered. The sweeper enqueues such a call again, which is harmless: the bridge's claim
 * dials a call at most once, so a second message for a call already dialed is only acknowledged.
 * After {@link SweepSettings#maxRequeues()} enqueues that no bridge claimed, the call ends FAILED
 * with {@code failureReason} NEVER_DIALED rather than being dialed hours late or never.
 *
 * <p>Every write is conditional on the call still being QUEUED, so a call a bridge claims, a tenant
 * cancels or intake fails meanwhile is left alone, and two sweeps at once enqueue it once.
 */
public final class QueuedCallSweeper {

    public static final String NEVER_DIALED = "NEVER_DIALED";

    private final QueuedCalls calls;
    private final OriginateQueue queue;
    private final SweepSettings settings;
    private final Clock clock;

    public QueuedCallSweeper(QueuedCalls calls, OriginateQueue queue, SweepSettings settings, Clock clock) {
        this.calls = calls;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    public SweepSettings settings() {
        return settings;
    }

    /** One run over every shard; failures are counted and the run goes on with the next call or shard. */
    public SweepReport sweep() {
        Instant now = clock.instant();
        Instant stuckBefore = now.minus(settings.queuedFor());
        SweepReport.Tally tally = new SweepReport.Tally();
        for (int shard = 0; shard < settings.shards(); shard++) {
            List<QueuedCall> stuck;
            try {
                stuck = calls.queuedBefore(shard, stuckBefore, settings.callsPerShard());
            } catch (RuntimeException e) {
                tally.failed("shard " + shard, e);
                continue;
            }
            for (QueuedCall call : stuck) {
                tally.stuck++;
                handle(call, now, tally);
            }
        }
        return tally.report(now, settings);
    }

    private void handle(QueuedCall stuck, Instant now, SweepReport.Tally tally) {
        try {
            if (stuck.requeues() >= settings.maxRequeues()) {
                if (calls.failNeverDialed(stuck.call(), neverDialedReason(stuck, now), now)) {
                    tally.neverDialed++;
                } else {
                    tally.movedOn++;
                }
            } else if (calls.recordRequeue(stuck, now)) {
                // Counted first, so a sweep that dies here has spent one of the call's enqueues
                // rather than sent a message no count bounds.
                queue.send(OriginateMessage.of(stuck.call()));
                tally.requeued++;
            } else {
                tally.movedOn++;
            }
        } catch (RuntimeException e) {
            tally.failed("call " + stuck.call().callId(), e);
        }
    }

    private static String neverDialedReason(QueuedCall stuck, Instant now) {
        long minutes = Duration.between(stuck.call().createdAt(), now).toMinutes();
        return NEVER_DIALED + ": no bridge claimed the call in " + minutes + " minutes QUEUED, though it was enqueued "
                + (stuck.requeues() + 1) + " times";
    }
}
