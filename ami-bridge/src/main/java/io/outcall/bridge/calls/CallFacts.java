package io.outcall.bridge.calls;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.HangupCause;

import java.time.Instant;

/**
 * What Asterisk has said about one call so far. Each event that teaches something gives a new
 * value. The moments (ringing, answered) keep their first value; the rest hold the latest word,
 * and the outcome is decided from them by precedence (answer, cause, DialEnd, OriginateResponse),
 * so it depends on which events came, not on their order.
 *
 * @param originateResponded whether the OriginateResponse came (or will never come: the Originate
 *                           was refused, or the call was dialed by an earlier process)
 * @param originateReason    its Reason, null when it did not come
 * @param dialStatus         DialStatus of the originate's own DialEnd
 * @param dialedHalfCause    Hangup cause of the dialed half (;2) of the Local pair
 * @param originatedCause    Hangup cause of the originated channel (;1)
 * @param channel            the originated channel's name
 */
record CallFacts(Instant ringingAt, Instant answeredAt, boolean originateResponded, Integer originateReason,
                 String dialStatus, HangupCause dialedHalfCause, HangupCause originatedCause, Instant lastHangupAt,
                 String channel) {

    /** OriginateResponse Reason 4: Asterisk's AST_CONTROL_ANSWER (ami-traces README, "Reason codes"). */
    static final int ORIGINATE_ANSWERED = 4;

    static final CallFacts NONE = new CallFacts(null, null, false, null, null, null, null, null, null);

    /**
     * A call an earlier process dialed and recorded: its ring and answer times stand, and its
     * OriginateResponse went to that process's session, so none is waited for.
     */
    static CallFacts recorded(Call call) {
        return new CallFacts(call.ringingAt(), call.answeredAt(), true, null, null, null, null, null, call.channel());
    }

    CallFacts rang(Instant at) {
        return ringingAt != null ? this : new CallFacts(at, answeredAt, originateResponded, originateReason, dialStatus,
                dialedHalfCause, originatedCause, lastHangupAt, channel);
    }

    CallFacts answered(Instant at) {
        return answeredAt != null ? this : new CallFacts(ringingAt, at, originateResponded, originateReason, dialStatus,
                dialedHalfCause, originatedCause, lastHangupAt, channel);
    }

    /**
     * Success (Reason 4) is an answer: on a real Asterisk 22 it came within 1 ms of it in every
     * traced call, Local or not, and only then (ami-traces README).
     */
    CallFacts originateResponse(Integer reason, Instant at) {
        CallFacts responded = new CallFacts(ringingAt, answeredAt, true, reason, dialStatus, dialedHalfCause,
                originatedCause, lastHangupAt, channel);
        return Integer.valueOf(ORIGINATE_ANSWERED).equals(reason) ? responded.answered(at) : responded;
    }

    /** The originate's own DialEnd: ANSWER is an answer too. */
    CallFacts dialEnded(String status, Instant at) {
        CallFacts ended = new CallFacts(ringingAt, answeredAt, originateResponded, originateReason, status,
                dialedHalfCause, originatedCause, lastHangupAt, channel);
        return "ANSWER".equals(status) ? ended.answered(at) : ended;
    }

    CallFacts dialedHalfHungUp(HangupCause cause, Instant at) {
        return new CallFacts(ringingAt, answeredAt, originateResponded, originateReason, dialStatus, cause,
                originatedCause, at, channel);
    }

    CallFacts originatedHungUp(HangupCause cause, Instant at) {
        return new CallFacts(ringingAt, answeredAt, originateResponded, originateReason, dialStatus, dialedHalfCause,
                cause, at, channel);
    }

    /** A channel of the call other than the two halves of its Local pair (a transfer leg) hung up. */
    CallFacts otherChannelHungUp(Instant at) {
        return new CallFacts(ringingAt, answeredAt, originateResponded, originateReason, dialStatus, dialedHalfCause,
                originatedCause, at, channel);
    }

    CallFacts channel(String name) {
        return new CallFacts(ringingAt, answeredAt, originateResponded, originateReason, dialStatus, dialedHalfCause,
                originatedCause, lastHangupAt, name);
    }

    /** Refused before Asterisk created any channel (bad technology, unknown context): nothing more will come. */
    boolean refusedByAsterisk() {
        return originateResponded && originateReason != null && originateReason != ORIGINATE_ANSWERED;
    }

    /** The live status these facts show. */
    CallStatus observedStatus() {
        if (answeredAt != null) {
            return CallStatus.ANSWERED;
        }
        return ringingAt != null ? CallStatus.RINGING : CallStatus.DIALING;
    }

    /** The cause that says most: the dialed half's unless it is empty (0), else the originated channel's. */
    HangupCause cause() {
        if (dialedHalfCause != null && dialedHalfCause.code() != 0) {
            return dialedHalfCause;
        }
        if (originatedCause != null && originatedCause.code() != 0) {
            return originatedCause;
        }
        return dialedHalfCause != null ? dialedHalfCause : originatedCause;
    }

    Outcome outcome(boolean canceled) {
        return Outcome.of(canceled, answeredAt != null, dialStatus, originateReason, cause());
    }
}
