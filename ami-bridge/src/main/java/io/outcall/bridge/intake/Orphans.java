package io.outcall.bridge.intake;

import io.outcall.bridge.ami.AmiLink;
import io.outcall.bridge.calls.CallTracker;
import io.outcall.bridge.calls.Outcome;
import io.outcall.core.call.Call;
import io.outcall.core.store.CallProgress;
import io.outcall.core.store.ClaimedCall;
import io.outcall.core.store.CallStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
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

    public static final String LOST_BEFORE_ORIGINATE = "BRIDGE_LOST_BEFORE_ORIGINATE: the call was claimed for"
            + " dialing but the bridge stopped before sending the Originate; it was not dialed and will not be";
    public static final String ENDED_UNSEEN = "ENDED_WHILE_BRIDGE_AWAY: the call was dialed but ended while no"
            + " bridge was following it; its exact outcome is unknown";

    private final CallStore calls;
    private final CallTracker tracker;
    private final AmiLink ami;
    private final ToLongFunction<String> lastEventSeq;
    private final Pacer pacer;
    private final Clock clock;

    /** @param lastEventSeq where an adopted call's stored timeline ends (CallSink#lastEventSeq) */
    public Orphans(CallStore calls, CallTracker tracker, AmiLink ami, ToLongFunction<String> lastEventSeq, Pacer pacer,
                   Clock clock) {
        this.calls = calls;
        this.tracker = tracker;
        this.ami = ami;
        this.lastEventSeq = lastEventSeq;
        this.pacer = pacer;
        this.clock = clock;
    }

    /** At start-up: every call this bridge was following when it stopped. */
    public void resolveOwn(String bridgeId) throws IOException {
        List<ClaimedCall> live = calls.liveOnBridge(bridgeId);
        if (live.isEmpty()) {
            return;
        }
        Map<String, Set<String>> channels = ami.liveChannelsByLinkedId();
        for (ClaimedCall claimed : live) {
            if (!tracker.knows(claimed.call().callId())) {
                resolve(claimed, channels);
            }
        }
    }

    /** Adopts the call if Asterisk still has its channels, else ends it with the reason known. */
    public void resolve(ClaimedCall claimed, Map<String, Set<String>> liveChannelsByCall) {
        Call call = claimed.call();
        Set<String> channels = liveChannelsByCall.get(call.callId());
        if (channels != null && !channels.isEmpty()) {
            log.info("call {} is still up in Asterisk; following it again", call.callId());
            // Its end gives back a pacing permit: it takes one when it is adopted, so the books balance.
            tracker.adopt(call, OriginateActions.actionId(call.callId()), OriginateActions.dialedHalfId(call.callId()),
                    lastEventSeq.applyAsLong(call.callId()), channels, () -> pacer.adopted(call.tenantId()));
            return;
        }
        end(call, claimed.originatedAt() == null ? LOST_BEFORE_ORIGINATE : ENDED_UNSEEN);
    }

    /**
     * Ends an orphan that was never dialed, or whose outcome cannot be known any more. One its
     * tenant had asked to stop ends CANCELED, as it would have with its bridge still there.
     */
    public void end(Call call, String reason) {
        // The rule of a followed call whose end was not seen (CallFinisher), on what was recorded.
        Outcome outcome = Outcome.of(call.cancelRequestedAt() != null, call.answeredAt() != null, null, null, null);
        calls.advance(new CallProgress(call.callId(), call.tenantId(), outcome.status(), outcome.disposition(), null,
                reason, null, null, clock.instant(), null, null, call.channel()));
        log.warn("call {} ended {}: {}", call.callId(), outcome.status(), reason);
    }
}
