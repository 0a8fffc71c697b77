package io.outcall.bridge.originate;

import io.outcall.bridge.ami.AmiLink;
import io.outcall.bridge.calls.CallTracker;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.ClaimResult;
import io.outcall.core.call.ClaimedCall;
import io.outcall.core.queue.OriginateMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A message whose call was not QUEUED when this bridge tried to claim it: SQS delivered a copy
 * twice, a copy came late, or the bridge that claimed the call was lost. Never dialed again. A
 * call nobody follows any more is handed to {@link Orphans}, unless another bridge dialed it and
 * this bridge's Asterisk does not have it: that call belongs to the other bridge's host.
 */
final class DuplicateMessages {

    private static final Logger log = LoggerFactory.getLogger(DuplicateMessages.class);
    /** A claim younger than this may belong to a bridge that is still about to originate. */
    private static final Duration CLAIM_SETTLE = Duration.ofMinutes(2);

    private final ReceivedMessages messages;
    private final CallTracker tracker;
    private final AmiLink ami;
    private final Orphans orphans;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private final String bridgeId;

    DuplicateMessages(ReceivedMessages messages, CallTracker tracker, AmiLink ami, Orphans orphans,
                      BridgeMetrics metrics, Clock clock, String bridgeId) {
        this.messages = messages;
        this.tracker = tracker;
        this.ami = ami;
        this.orphans = orphans;
        this.metrics = metrics;
        this.clock = clock;
        this.bridgeId = bridgeId;
    }

    void resolve(Message message, OriginateMessage call, ClaimResult claim) {
        metrics.duplicateMessages.increment();
        if (claim.outcome() == ClaimResult.Outcome.MISSING) {
            log.warn("message {} names call {}, which is not recorded; dropping it", message.messageId(), call.callId());
            messages.delete(message);
            return;
        }
        if (claim.call().status().isFinal() || tracker.knows(call.callId())) {
            messages.delete(message);
            return;
        }
        if (claim.call().attempt() != call.attempt()) {
            // A copy of an earlier attempt's message (the call waits for, or is on, a later one), or
            // the call's later attempt is not due yet: never dialed, never an orphan of this message.
            log.info("message {} is for attempt {} of call {}, which is on attempt {}; dropping it", message.messageId(),
                    call.attempt(), call.callId(), claim.call().attempt());
            messages.delete(message);
            return;
        }
        boolean ours = bridgeId.equals(claim.bridgeId());
        boolean settled = claim.call().dialedAt() == null
                || claim.call().dialedAt().plus(CLAIM_SETTLE).isBefore(clock.instant());
        if (!ours && claim.originatedAt() == null && !settled) {
            // Another bridge claimed it moments ago and may be originating right now.
            messages.delay(message, 30);
            return;
        }
        Map<String, Set<String>> liveChannels;
        try {
            liveChannels = ami.liveChannelsByLinkedId();
        } catch (IOException e) {
            messages.delay(message, 10);
            return;
        }
        if (!ours && claim.originatedAt() != null
                && !liveChannels.containsKey(OriginateActions.channelId(call.callId(), call.attempt()))) {
            // Dialed by another bridge and not on this bridge's Asterisk: with one bridge per host it
            // is up, or ended, where this bridge cannot see. Its own bridge records its end, or finds
            // it again when it restarts (byBridge); ending it from here would write a wrong outcome.
            log.info("call {} was dialed by bridge {} and is not on this Asterisk; left to that bridge",
                    call.callId(), claim.bridgeId());
            messages.delete(message);
            return;
        }
        orphans.resolve(new ClaimedCall(claim.call(), claim.bridgeId(), claim.originatedAt()), liveChannels);
        messages.delete(message);
    }
}
