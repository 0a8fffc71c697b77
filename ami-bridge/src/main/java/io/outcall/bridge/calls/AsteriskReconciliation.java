package io.outcall.bridge.calls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * Asks Asterisk about calls whose events the bridge may have missed, and takes its word: a call
 * whose channels it no longer has ends, with a reason that says its end was not seen; one it
 * still has goes on, and Asterisk's list of its channels replaces the bridge's. It asks:
 * <ul>
 * <li>after an AMI reconnect, about every call: any of their events may have been lost with the
 *     session;</li>
 * <li>about calls quiet for {@code quietAfter} (no event at all): their events may be filtered out
 *     by manager.conf, or lost with a session whose reconnect came too late to tell. A long call
 *     on hold is quiet too; Asterisk still has it, so it is simply asked about again later.</li>
 * </ul>
 * The question (CoreShowChannels) blocks on an AMI round trip, so it is never asked on
 * asterisk-java's threads or the tracker's; the answer is judged on the tracker thread.
 */
final class AsteriskReconciliation {

    static final String ENDED_WHILE_AMI_DISCONNECTED = "ENDED_WHILE_AMI_DISCONNECTED: the call's channels ended while"
            + " the bridge's AMI link was down; the exact outcome is unknown";
    static final String ENDED_UNOBSERVED = "ENDED_UNOBSERVED: Asterisk no longer has the call's channels but no event"
            + " said how it ended (filtered out by manager.conf, or lost); the outcome is what the events seen before"
            + " said, its talk time unknown";

    private static final Logger log = LoggerFactory.getLogger(AsteriskReconciliation.class);
    /** How long Asterisk may take from accepting an Originate to creating its first channel. */
    private static final Duration UNSEEN_CALL_SETTLE = Duration.ofSeconds(5);

    private final FollowedCalls calls;
    private final CallFinisher finisher;
    private final TrackerCommands commands;
    private final AsteriskChannels asterisk;
    private final Executor io;
    private final Clock clock;
    private final Duration quietAfter;
    /** Tracker thread only: a question about quiet calls is on its way. */
    private boolean asking;
    /** Tracker thread only: when quiet calls were last asked about. */
    private Instant lastAskedAt;

    /**
     * @param io         where the question is asked: the bridge's I/O pool
     * @param quietAfter how long a call may go without any event before Asterisk is asked about it
     */
    AsteriskReconciliation(FollowedCalls calls, CallFinisher finisher, TrackerCommands commands,
                           AsteriskChannels asterisk, Executor io, Clock clock, Duration quietAfter) {
        this.calls = calls;
        this.finisher = finisher;
        this.commands = commands;
        this.asterisk = asterisk;
        this.io = io;
        this.clock = clock;
        this.quietAfter = quietAfter;
    }

    /**
     * After an AMI reconnect. Only calls followed before the snapshot was asked for are judged: a
     * call dialed since has simply not shown its channels yet, and one with no channel seen is
     * given a few seconds. Blocks: never on the tracker's or asterisk-java's threads.
     */
    void afterReconnect() throws IOException {
        Instant askedAt = clock.instant();
        Map<String, Set<String>> live = asterisk.liveByLinkedId();
        commands.submit(() -> judge(live, call -> lostWithTheLink(call, live, askedAt), ENDED_WHILE_AMI_DISCONNECTED));
    }

    /**
     * On the tracker thread, at each sweep: asks Asterisk about the calls quiet for
     * {@code quietAfter}, with at most one question on its way, and at most one every
     * {@code quietAfter / 2}, however many calls turn quiet in between.
     */
    void askAboutQuietCalls(Instant now) {
        if (asking || lastAskedAt != null && now.isBefore(lastAskedAt.plus(quietAfter.dividedBy(2)))) {
            return;
        }
        if (calls.all().stream().noneMatch(call -> quietAt(call, now))) {
            return;
        }
        asking = true;
        lastAskedAt = now;
        try {
            io.execute(() -> ask(now));
        } catch (RejectedExecutionException stopping) {
            asking = false;
        }
    }

    /** On the I/O pool. */
    private void ask(Instant askedAt) {
        Map<String, Set<String>> live;
        try {
            live = asterisk.liveByLinkedId();
        } catch (IOException | RuntimeException e) {
            log.warn("asking Asterisk about calls quiet for {} s failed ({}); asking again in {} s",
                    quietAfter.toSeconds(), e.getMessage(), quietAfter.dividedBy(2).toSeconds());
            commands.submit(() -> asking = false);
            return;
        }
        commands.submit(() -> {
            asking = false;
            // Quiet when asked and not heard from since: an event after the question was asked may
            // be of a change the snapshot does not show yet.
            judge(live, call -> quietAt(call, askedAt), ENDED_UNOBSERVED);
        });
    }

    private boolean quietAt(LiveCall call, Instant at) {
        return !call.lastHeard.plus(quietAfter).isAfter(at);
    }

    private static boolean lostWithTheLink(LiveCall call, Map<String, Set<String>> live, Instant askedAt) {
        if (call.followedSince.isAfter(askedAt)) {
            return false; // dialed after the snapshot was asked for: it cannot be in it yet
        }
        if (call.lastHeard.isAfter(askedAt)) {
            return false; // heard from since: the snapshot may predate its channels (the quiet check still covers it)
        }
        if (call.channels.anySeen()) {
            return true;
        }
        // Accepted long before the snapshot, yet neither seen nor in it: its events were lost
        // with the session. Recently dialed ones may still be starting.
        boolean settled = call.followedSince.plus(UNSEEN_CALL_SETTLE).isBefore(askedAt);
        return settled && !live.containsKey(call.channelId);
    }

    /** On the tracker thread. */
    private void judge(Map<String, Set<String>> live, Predicate<LiveCall> askedAbout, String reason) {
        Instant now = clock.instant();
        for (LiveCall call : List.copyOf(calls.all())) {
            if (!askedAbout.test(call)) {
                continue;
            }
            call.channels.reconcile(live.getOrDefault(call.channelId, Set.of()));
            if (call.channels.noneLive()) {
                log.warn("call {}: Asterisk no longer has its channels and no event said how it ended; {}", call.callId,
                        reason.substring(0, reason.indexOf(':')));
                finisher.endByVerdict(call, reason, now);
            } else {
                call.lastHeard = now; // Asterisk vouches for it: quiet again from now
            }
        }
    }
}
