package io.outcall.bridge.calls;

import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallProgress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one place that decides a followed call is over, and the only one that ends it: it stops
 * following the call, writes its final record and tells the bridge (which frees its pacing slot),
 * each exactly once, whichever path got there first. A call with attempts left whose attempt ended
 * retryably ends only its attempt here ({@link AttemptEnd}): the call waits for the next one. Every path — events, the OriginateResponse
 * grace, a refused Originate, a reconciliation with Asterisk, a cancel — changes what is known of
 * the call and then asks {@link #settle}. Tracker thread only.
 *
 * <p>Asterisk's events end a call when all its channels have hung up and its OriginateResponse has
 * arrived (it may come before or after the hangups), or {@code originateResponseGrace} after the
 * last hangup if it never does. Deciding only then makes the outcome independent of event order.
 */
final class CallFinisher {

    private final FollowedCalls calls;
    private final CallJournal journal;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private final Duration originateResponseGrace;
    private final Consumer<FinishedCall> onFinished;

    CallFinisher(FollowedCalls calls, CallJournal journal, BridgeMetrics metrics, Clock clock,
                 Duration originateResponseGrace, Consumer<FinishedCall> onFinished) {
        this.calls = calls;
        this.journal = journal;
        this.metrics = metrics;
        this.clock = clock;
        this.originateResponseGrace = originateResponseGrace;
        this.onFinished = onFinished;
    }

    /**
     * Ends the call if what is known says it is over.
     *
     * @param at when the latest fact was observed: the end of a call that has no better one
     */
    void settle(LiveCall call, Instant at) {
        Instant endedAt = endOf(call, at);
        if (endedAt != null) {
            finish(call, endedAt);
        }
    }

    /** The platform decided the call is over ({@link PlatformVerdict}): ends it now. */
    void endByVerdict(LiveCall call, String failureReason, Instant now) {
        call.verdict = new PlatformVerdict(failureReason, now);
        settle(call, now);
    }

    /** The sweep: calls whose OriginateResponse is not waited for any longer. */
    void settleAll(Instant now) {
        for (LiveCall call : List.copyOf(calls.all())) {
            settle(call, now);
        }
    }

    /** The decision: when the call ended, or null while it is not over. */
    private Instant endOf(LiveCall call, Instant at) {
        if (call.verdict != null) {
            return call.verdict.decidedAt();
        }
        if (!call.channels.noneLive()) {
            return null;
        }
        CallFacts facts = call.facts;
        if (call.channels.anySeen()) {
            if (facts.originateResponded()) {
                return facts.lastHangupAt() != null ? facts.lastHangupAt() : at;
            }
            // Every channel is down but Asterisk's OriginateResponse has not come: it may still
            // (Asterisk reorders them), and it is waited for, a while.
            boolean waitedEnough = call.lastHeard.plus(originateResponseGrace).isBefore(clock.instant());
            return waitedEnough ? facts.lastHangupAt() : null;
        }
        // No channel seen. A Success without channels means their events were filtered or lost:
        // only Asterisk can tell whether the call still lives (QuietCalls asks it).
        return facts.refusedByAsterisk() ? at : null;
    }

    private void finish(LiveCall call, Instant endedAt) {
        if (!calls.unfollow(call, clock.instant())) {
            return;
        }
        CallFacts facts = call.facts;
        Outcome outcome = facts.outcome(call.cancelRequested());
        PlatformVerdict verdict = call.verdict;
        Integer ringSeconds = ringSeconds(facts, endedAt, verdict == null);
        // A call with a retry policy keeps every attempt's record, its last one too.
        CallAttempt attempt = new CallAttempt(call.attempt, outcome.status(), outcome.disposition(), outcome.cause(),
                call.followedSince, endedAt, ringSeconds);
        CallProgress last = new CallProgress(call.callId, call.tenantId, outcome.status(), outcome.disposition(),
                outcome.cause(), verdict == null ? null : verdict.failureReason(), facts.ringingAt(), facts.answeredAt(),
                endedAt, ringSeconds, talkSeconds(facts, endedAt, verdict == null),
                facts.channel(), call.amd.outcome(facts.answeredAt()), call.attempt,
                call.retry.policy() == null ? null : attempt);
        // A canceled call ends CANCELED and an answered one COMPLETED: neither disposition retries.
        if (!call.cancelRequested() && call.retry.retries(outcome.disposition(), call.attempt)) {
            // The attempt ends, not the call: its slot is freed all the same, and it comes back SCHEDULED.
            journal.attemptEnded(call, new AttemptEnd(call.callId, call.tenantId, attempt,
                    call.retry.nextAttemptAt(endedAt), last));
        } else {
            journal.finished(call, last);
        }
        metrics.outcome(outcome.status().name());
        onFinished.accept(new FinishedCall(call.callId, call.tenantId, outcome.status()));
    }

    /** 0 when it never rang; null when it rang and its end was not seen, so how long is unknown. */
    private static Integer ringSeconds(CallFacts facts, Instant endedAt, boolean endSeen) {
        if (facts.ringingAt() == null) {
            return 0;
        }
        if (facts.answeredAt() != null) {
            return seconds(facts.ringingAt(), facts.answeredAt());
        }
        return endSeen ? seconds(facts.ringingAt(), endedAt) : null;
    }

    /** 0 when never answered; null when answered and its end was not seen. */
    private static Integer talkSeconds(CallFacts facts, Instant endedAt, boolean endSeen) {
        if (facts.answeredAt() == null) {
            return 0;
        }
        return endSeen ? seconds(facts.answeredAt(), endedAt) : null;
    }

    private static int seconds(Instant from, Instant to) {
        long millis = Math.max(0, Duration.between(from, to).toMillis());
        return (int) Math.round(millis / 1000.0);
    }
}
