package io.outcall.bridge.originate;

import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallLookup;
import io.outcall.core.queue.OriginateMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * The last look at the do-not-call lists, just before the claim, on a claimer thread: a number
 * listed while its call waited in the queue is never dialed. Its call goes QUEUED -> FAILED
 * ({@code failureReason: DO_NOT_CALL}) by a write conditional on QUEUED, so no claim can follow it,
 * on this bridge or another; a call that is not QUEUED any more is left to the claim, which sorts
 * out duplicates, cancels and stale attempts as always.
 */
final class DoNotCallGate {

    private static final Logger log = LoggerFactory.getLogger(DoNotCallGate.class);

    enum Verdict {
        /** Not listed, or no longer QUEUED: go on with the claim. */
        CLAIM,
        /** Listed and now FAILED: delete the message, dial nothing. */
        FAILED,
        /** The lists could not be read: dial nothing now, the message comes back after its visibility timeout. */
        NOT_NOW
    }

    private final DoNotCallLookup lookup;
    private final CallStore calls;
    private final BridgeMetrics metrics;
    private final Clock clock;

    DoNotCallGate(DoNotCallLookup lookup, CallStore calls, BridgeMetrics metrics, Clock clock) {
        this.lookup = lookup;
        this.calls = calls;
        this.metrics = metrics;
        this.clock = clock;
    }

    Verdict check(OriginateMessage message) {
        try {
            return listedAndFailed(message);
        } catch (RuntimeException e) {
            log.warn("call {}: the do-not-call lists or the call could not be read or written ({}); not dialed now,"
                    + " its message will come back", message.callId(), e.toString());
            return Verdict.NOT_NOW;
        }
    }

    private Verdict listedAndFailed(OriginateMessage message) {
        Optional<DncList> listed = lookup.listed(message.tenantId(), message.to());
        if (listed.isEmpty()) {
            return Verdict.CLAIM;
        }
        Optional<Call> stored = calls.find(message.callId());
        // A stale message of an earlier attempt is the claim's to drop, not this gate's to end the call by.
        if (stored.isEmpty() || stored.get().status() != CallStatus.QUEUED
                || !stored.get().tenantId().equals(message.tenantId()) || stored.get().attempt() != message.attempt()) {
            return Verdict.CLAIM;
        }
        if (!calls.fail(stored.get(), DoNotCallLookup.FAILURE_REASON, clock.instant())) {
            return Verdict.CLAIM;
        }
        metrics.doNotCall.increment();
        log.info("call {} FAILED {}: the number is on the {}; not dialed", message.callId(),
                DoNotCallLookup.FAILURE_REASON, listed.get().rule());
        return Verdict.FAILED;
    }
}
