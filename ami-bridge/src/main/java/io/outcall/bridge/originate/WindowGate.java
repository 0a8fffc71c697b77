package io.outcall.bridge.originate;

import io.outcall.core.call.ScheduledReason;
import io.outcall.core.phone.MaskedNumber;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.schedule.ScheduledCalls;
import io.outcall.core.window.CallingWindows;
import io.outcall.core.window.Opening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * The tenant's calling window, checked again just before a call is claimed: a call can wait in the
 * queue (its tenant's turn, a backlog) past the window's close. Such a call goes back to SCHEDULED
 * for the next opening, and is never dialed late.
 */
final class WindowGate {

    private static final Logger log = LoggerFactory.getLogger(WindowGate.class);

    enum Verdict {
        /** No window, or open now: claim and dial. */
        OPEN,
        /** Closed, and the call is SCHEDULED again for the opening: drop the message. */
        RESCHEDULED,
        /**
         * Closed, and the call could not be moved back (it moved on, the window never opens, or
         * this bridge has no schedule store): claim it as usual, but end it FAILED, never dialed.
         */
        CLOSED
    }

    private final ScheduledCalls scheduled;
    private final CallingWindows windows;
    private final Clock clock;

    /** @param scheduled where calls go back to SCHEDULED; null: closed calls end FAILED instead */
    WindowGate(ScheduledCalls scheduled, CallingWindows windows, Clock clock) {
        this.scheduled = scheduled;
        this.windows = windows;
        this.clock = clock;
    }

    /**
     * Moves back only the message's attempt of the call: a stale message of an earlier attempt finds
     * the call on a later one and moves nothing (the claim then drops it).
     *
     * @throws RuntimeException when the store cannot be reached: nothing was changed, the message comes back
     */
    Verdict check(OriginateMessage call) {
        if (call.window() == null) {
            return Verdict.OPEN;
        }
        Instant now = clock.instant();
        Opening opening = windows.nextOpening(call.window(), call.to(), now);
        if (opening.isOpenAt(now)) {
            return Verdict.OPEN;
        }
        if (opening.at() != null && scheduled != null
                && scheduled.reschedule(call.callId(), call.attempt(), opening.at(), ScheduledReason.CALLING_WINDOW)) {
            log.info("call {} to {}: its calling window closed while it waited; SCHEDULED again, opens {}",
                    call.callId(), MaskedNumber.of(call.to()), opening.describe());
            return Verdict.RESCHEDULED;
        }
        return Verdict.CLOSED;
    }

    /** The failure reason of a call that could not be moved back, with the opening it missed. */
    String closedReason(OriginateMessage call) {
        return CallingWindows.OUTSIDE_CALLING_WINDOW + ": the callee's calling window is closed (it opens "
                + windows.nextOpening(call.window(), call.to(), clock.instant()).describe()
                + ") and the call could not be scheduled again; it was not dialed";
    }
}
