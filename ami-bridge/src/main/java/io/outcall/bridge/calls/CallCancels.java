package io.outcall.bridge.calls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Stops calls their tenants canceled: hangs up their channels through {@link ChannelHangups}. The
 * call then ends as any other, when its channels are down, and {@link Outcome#canceled} makes it
 * CANCELED. Tracker thread only.
 */
final class CallCancels {

    private static final Logger log = LoggerFactory.getLogger(CallCancels.class);

    private final FollowedCalls calls;
    private final CallJournal journal;
    private final ChannelHangups hangups;
    private final Clock clock;
    private final Duration hangupRetry;

    /**
     * @param hangupRetry how long a canceled call may stay up after its Hangup before the next
     *                    cancel request for it sends the Hangup again
     */
    CallCancels(FollowedCalls calls, CallJournal journal, ChannelHangups hangups, Clock clock, Duration hangupRetry) {
        this.calls = calls;
        this.journal = journal;
        this.hangups = hangups;
        this.clock = clock;
        this.hangupRetry = hangupRetry;
    }

    /**
     * The first request is recorded on the timeline and hangs up every live channel (or, before
     * any exists, the first one to appear). The cancel poll repeats the request until the call's
     * final write lands; a repeat sends the Hangup again only when the call is still up
     * {@code hangupRetry} after the last one. A call this tracker does not follow is not its to
     * hang up: it just finished (its final write is on the way), or it is still being adopted
     * after a restart and a later poll finds it followed.
     */
    void requested(String callId) {
        LiveCall call = calls.byCallId(callId);
        if (call == null) {
            log.debug("cancel request for call {}, which this bridge does not follow; ignored", callId);
            return;
        }
        Instant now = clock.instant();
        CancelRequest cancel = call.cancel;
        if (cancel == null) {
            call.cancel = CancelRequest.heardAt(now);
            // The timeline says it; the log line comes from the Hangup, off this thread.
            journal.record(call, "CancelRequested", now, call.facts.channel(), Map.of());
        } else if (cancel.hangupSentAt() == null || Duration.between(cancel.hangupSentAt(), now).compareTo(hangupRetry) < 0) {
            return; // no channel to hang up yet, or the Hangup is still on its way
        } else if (!call.channels.noneLive()) {
            log.warn("call {} is still up {} ms after its cancel Hangup; sending it again", callId, hangupRetry.toMillis());
        }
        hangUpLiveChannels(call, now);
    }

    /** A channel of the call appeared: one canceled before Asterisk created anything goes down with it. */
    void channelAppeared(LiveCall call) {
        if (call.cancel != null && call.cancel.hangupSentAt() == null) {
            hangUpLiveChannels(call, clock.instant());
        }
    }

    private void hangUpLiveChannels(LiveCall call, Instant now) {
        if (call.channels.noneLive()) {
            return; // nothing up yet: channelAppeared hangs up the first channel that appears
        }
        for (String channel : call.channels.hangupTargets(call.channelId)) {
            hangups.hangUp(call.callId, channel);
        }
        call.cancel = call.cancel.hangupSent(now);
    }
}
