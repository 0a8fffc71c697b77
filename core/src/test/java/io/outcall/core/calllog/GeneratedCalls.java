package io.outcall.core.calllog;

import io.outcall.core.call.Call;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.JourneyRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Calls of every status a tenant can have, written through the same store operations intake, the
 * bridge and cancel use (create, claim, advance, fail, cancel), so the statistics counters are the
 * ones production would hold. Seeded: the same arguments make the same calls.
 */
final class GeneratedCalls {

    static final List<String> NUMBERS = List.of("+14045550101", "+14045550102", "+14045550103", "+14045550104",
            "+442079460123", "+33142685300", "+14045550107", "+14045550108");
    static final List<String> JOURNEYS = List.of("journey-welcome", "journey-renewal", "journey-survey");

    private GeneratedCalls() {
    }

    /** {@code count} calls of {@code tenantId} created at random moments of {@code [start, start+span)}. */
    /**
     * What a final call read back adds to its bucket starting at {@code start}: the call, and its dial
     * among the attempts when it was dialed (a call ended before its dial counts no attempt).
     */
    static StatsBucket counted(Instant start, Call call) {
        StatsBucket bucket = StatsBucket.empty(start).plus(CountedCall.of(call));
        return call.dialedAt() == null ? bucket : bucket.plusAttempt(call.disposition());
    }

    static List<Call> write(CallStore store, String tenantId, int count, Instant start, Duration span, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Call>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SplittableRandom random = seeds.split();
                Instant created = start.plusMillis(random.nextLong(span.toMillis()));
                futures.add(pool.submit(() -> one(store, tenantId, created, random)));
            }
            List<Call> calls = new ArrayList<>();
            for (Future<Call> future : futures) {
                calls.add(future.get());
            }
            return calls;
        } catch (Exception e) {
            throw new IllegalStateException("generating calls failed", e);
        }
    }

    static String newCallId(Instant created, SplittableRandom random) {
        return new CallId(Clock.fixed(created, ZoneOffset.UTC), random).next();
    }

    private static Call one(CallStore store, String tenantId, Instant created, SplittableRandom random) {
        String callId = newCallId(created, random);
        String to = NUMBERS.get(random.nextInt(NUMBERS.size()));
        JourneyRef journey = random.nextInt(3) == 0
                ? new JourneyRef(JOURNEYS.get(random.nextInt(JOURNEYS.size())), "exec-" + callId, "step-1") : null;
        Call queued = Call.queued(callId, tenantId, to, "+14045550100", "did-main", null, null, "outbound", Map.of(),
                30, created, journey, null);
        int fate = random.nextInt(100);
        if (fate < 4) {
            // Still waiting for a notBefore an hour after it was placed.
            store.create(queued.scheduledAt(created.plusSeconds(3_600), ScheduledReason.REQUESTED));
            return find(store, callId);
        }
        store.create(queued);
        Instant dialed = created.plusMillis(200);
        Instant ringing = dialed.plusMillis(300);
        if (fate < 8) {
            return find(store, callId);
        }
        if (fate < 12) {
            store.cancel(callId, tenantId, created.plusSeconds(1));
            return find(store, callId);
        }
        if (fate < 15) {
            store.fail(queued, "QUEUE_UNAVAILABLE: generated", created.plusMillis(50));
            return find(store, callId);
        }
        store.claim(callId, tenantId, "bridge-gen", "action-" + callId, dialed);
        if (fate < 20) {
            return find(store, callId);
        }
        Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
        if (fate >= 32 && !outcome.rang) {
            // Refused before ringing: busy, congestion, a failed route.
            store.advance(new CallProgress(callId, tenantId, outcome.status, outcome.disposition,
                    new HangupCause(outcome.cause, null), null, null, null, dialed.plusSeconds(1), 0, 0, "Local/" + to));
            return find(store, callId);
        }
        store.advance(CallProgress.status(callId, tenantId, CallStatus.RINGING, ringing, null, "Local/" + to));
        if (fate < 25) {
            return find(store, callId);
        }
        int ring = random.nextInt(45);
        Instant answered = ringing.plusSeconds(ring);
        if (fate < 28) {
            store.advance(CallProgress.status(callId, tenantId, CallStatus.ANSWERED, ringing, answered, "Local/" + to));
            return find(store, callId);
        }
        if (fate < 32) {
            // Canceled while ringing: flagged for the bridge, which then ends it CANCELED.
            CancelResult requested = store.cancel(callId, tenantId, ringing.plusSeconds(2));
            if (requested.outcome() != CancelResult.Outcome.REQUESTED) {
                throw new IllegalStateException("a ringing call must be flagged, was " + requested);
            }
            Instant stopped = ringing.plusSeconds(3);
            store.advance(new CallProgress(callId, tenantId, CallStatus.CANCELED, Disposition.CANCELED,
                    new HangupCause(16, "Normal Clearing"), null, ringing, null, stopped, 3, 0, "Local/" + to));
            return find(store, callId);
        }
        int talk = random.nextInt(600);
        boolean wasAnswered = outcome == Outcome.COMPLETED;
        Instant ended = wasAnswered ? answered.plusSeconds(talk) : ringing.plusSeconds(ring);
        store.advance(new CallProgress(callId, tenantId, outcome.status, outcome.disposition,
                new HangupCause(outcome.cause, null), null, ringing, wasAnswered ? answered : null,
                ended, ring, wasAnswered ? talk : 0, "Local/" + to));
        return find(store, callId);
    }

    private static Call find(CallStore store, String callId) {
        return store.find(callId).orElseThrow();
    }

    private enum Outcome {
        COMPLETED(CallStatus.COMPLETED, Disposition.ANSWERED, 16, true),
        BUSY(CallStatus.BUSY, Disposition.BUSY, 17, false),
        NO_ANSWER(CallStatus.NO_ANSWER, Disposition.NO_ANSWER, 19, true),
        CONGESTION(CallStatus.FAILED, Disposition.CONGESTION, 34, false),
        FAILED(CallStatus.FAILED, Disposition.FAILED, 21, false);

        final CallStatus status;
        final Disposition disposition;
        final int cause;
        final boolean rang;

        Outcome(CallStatus status, Disposition disposition, int cause, boolean rang) {
            this.status = status;
            this.disposition = disposition;
            this.cause = cause;
            this.rang = rang;
        }
    }
}
