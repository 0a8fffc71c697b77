package io.outcall.bridge.originate;

import io.outcall.bridge.ami.AmiLink;
import io.outcall.bridge.calls.CallTracker;
import io.outcall.bridge.calls.Outcome;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.ClaimedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Calls whose bridge lost track of them: claimed, maybe dialed, not followed by anyone. They are
 * never dialed again. A call whose channels are still up in Asterisk is adopted and followed to
 * its end; any other ends with a reason that says what is known.
 */
public final class Orphans {

    private static final Logger log = LoggerFactory.getLogger(Orphans.class);

    public static final String LOST_AT_ORIGINATE = "BRIDGE_LOST_AT_ORIGINATE: the bridge stopped after claiming the"
            + " call and before recording an Originate, and Asterisk has no channel of it: it was either never dialed"
            + " or ended before the bridge came back; it will not be dialed again";
    public static final String ENDED_UNSEEN = "ENDED_WHILE_BRIDGE_AWAY: the call was dialed but ended while no"
            + " bridge was following it; its exact outcome is unknown";

    private final CallStore calls;
    private final CallTracker tracker;
    private final AmiLink ami;
    private final ToLongFunction<String> lastEventSeq;
    private final Pacer pacer;
    private final Clock clock;
    private final Instant ownSince;

    /**
     * @param lastEventSeq where an adopted call's stored timeline ends (CallSink#lastEventSeq)
     * @param ownSince     when this process began claiming calls: what it claimed since is in its own
     *                     consumer's hands (claimed, not yet followed) or its tracker's, never an orphan
     */
    public Orphans(CallStore calls, CallTracker tracker, AmiLink ami, ToLongFunction<String> lastEventSeq, Pacer pacer,
                   Clock clock, Instant ownSince) {
        this.calls = calls;
        this.tracker = tracker;
        this.ami = ami;
        this.lastEventSeq = lastEventSeq;
        this.pacer = pacer;
        this.clock = clock;
        this.ownSince = ownSince;
    }

    /**
     * After each AMI connection: every call this bridge was following when an earlier run of it
     * stopped. A call claimed since this run began is left alone even when the tracker does not know
     * it yet: its claimer sits between the claim and the Originate, and ending it there would record
     * "not dialed" for a call about to be dialed.
     */
    public void resolveOwn(String bridgeId) throws IOException {
        List<ClaimedCall> live = calls.liveOnBridge(bridgeId);
        if (live.isEmpty()) {
            return;
        }
        Map<String, Set<String>> channels = ami.liveChannelsByLinkedId();
        for (ClaimedCall claimed : live) {
            Instant claimedAt = claimed.call().dialedAt();
            boolean claimedByThisRun = claimedAt != null && !claimedAt.isBefore(ownSince);
            if (!claimedByThisRun && !tracker.knows(claimed.call().callId())) {
                resolve(claimed, channels);
            }
        }
    }

    /** Adopts the call if Asterisk still has its channels, else ends it with the reason known. */
    public void resolve(ClaimedCall claimed, Map<String, Set<String>> liveChannelsByCall) {
        Call call = claimed.call();
        String channelId = OriginateActions.channelId(call.callId(), call.attempt());
        Set<String> channels = liveChannelsByCall.get(channelId);
        if (channels != null && !channels.isEmpty()) {
            log.info("call {} is still up in Asterisk; following it again", call.callId());
            // Its end gives back a pacing permit: it takes one when it is adopted, so the books balance.
            tracker.adopt(call, channelId, OriginateActions.actionId(channelId), OriginateActions.dialedHalfId(channelId),
                    lastEventSeq.applyAsLong(call.callId()), channels, () -> pacer.adopted(call.tenantId()));
            return;
        }
        // Stored events prove a dial even when the Originate's acceptance was never recorded.
        boolean dialed = claimed.originatedAt() != null || lastEventSeq.applyAsLong(call.callId()) > 0;
        end(call, dialed ? ENDED_UNSEEN : LOST_AT_ORIGINATE);
    }

    /**
     * Ends an orphan that was never dialed, or whose outcome cannot be known any more. One its
     * tenant had asked to stop ends CANCELED, as it would have with its bridge still there.
     */
    public void end(Call call, String reason) {
        // The rule of a followed call whose end was not seen (CallFinisher), on what was recorded.
        Outcome outcome = Outcome.of(call.cancelRequestedAt() != null, call.answeredAt() != null, null, null, null);
        calls.advance(new CallProgress(call.callId(), call.tenantId(), outcome.status(), outcome.disposition(), null,
                reason, null, null, clock.instant(), null, null, call.channel(), null, call.attempt()));
        log.warn("call {} ended {}: {}", call.callId(), outcome.status(), reason);
    }
}
