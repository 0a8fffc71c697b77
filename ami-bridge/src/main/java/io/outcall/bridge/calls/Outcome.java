package io.outcall.bridge.calls;

import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;

/**
 * How a finished call ended, decided from everything its events said. The inputs are facts that
 * do not depend on the order events arrived in, so a reordered stream gives the same outcome.
 *
 * <p>Precedence, from most to least exact: an answer; the Q.850 cause of the dialed half; the
 * DialEnd status; the OriginateResponse reason. The traces of a real Asterisk 22 agree on every
 * outcome (DESIGN.md's table); when they do not, the cause wins because it is what the far end said.
 */
public record Outcome(CallStatus status, Disposition disposition, HangupCause cause) {

    /**
     * The outcome of any call, whether its end was seen or not: a canceled one ends CANCELED,
     * any other as its facts decide. With no fact at all that is FAILED, or COMPLETED once answered.
     */
    public static Outcome of(boolean canceled, boolean answered, String dialStatus, Integer originateReason,
                             HangupCause cause) {
        return canceled ? canceled(answered, cause) : decide(answered, dialStatus, originateReason, cause);
    }

    public static Outcome decide(boolean answered, String dialStatus, Integer originateReason, HangupCause cause) {
        return new Outcome(statusOf(disposition(answered, dialStatus, originateReason, cause)),
                disposition(answered, dialStatus, originateReason, cause), cause);
    }

    /**
     * A call its tenant canceled ends CANCELED whatever Asterisk reported, since the tenant's stop
     * is what ended it (or would have). The disposition still says whether anyone talked: an
     * answered call keeps ANSWERED so its talk time is not hidden behind the cancel.
     */
    public static Outcome canceled(boolean answered, HangupCause cause) {
        return new Outcome(CallStatus.CANCELED, answered ? Disposition.ANSWERED : Disposition.CANCELED, cause);
    }

    static Disposition disposition(boolean answered, String dialStatus, Integer reason, HangupCause cause) {
        if (answered) {
            return Disposition.ANSWERED;
        }
        int code = cause == null ? 0 : cause.code();
        switch (code) {
            case 17 -> { return Disposition.BUSY; }
            case 18, 19 -> { return Disposition.NO_ANSWER; }
            case 34, 38, 41, 42, 44 -> { return Disposition.CONGESTION; }
            case 0, 16 -> { }
            default -> { return Disposition.FAILED; }
        }
        if (dialStatus != null) {
            switch (dialStatus) {
                case "BUSY" -> { return Disposition.BUSY; }
                case "NOANSWER" -> { return Disposition.NO_ANSWER; }
                case "CONGESTION" -> { return Disposition.CONGESTION; }
                case "CANCEL" -> { return Disposition.CANCELED; }
                default -> { }
            }
        }
        if (reason != null) {
            switch (reason) {
                case 5 -> { return Disposition.BUSY; }
                case 3 -> { return Disposition.NO_ANSWER; }
                case 8 -> { return Disposition.CONGESTION; }
                default -> { }
            }
        }
        return Disposition.FAILED;
    }

    static CallStatus statusOf(Disposition disposition) {
        return switch (disposition) {
            case ANSWERED -> CallStatus.COMPLETED;
            case BUSY -> CallStatus.BUSY;
            case NO_ANSWER -> CallStatus.NO_ANSWER;
            case CONGESTION, FAILED -> CallStatus.FAILED;
            case CANCELED -> CallStatus.CANCELED;
        };
    }
}
