package io.outcall.core.call;

/**
 * What happened when a bridge tried to claim a queued call for dialing.
 *
 * @param call         the call as stored after the attempt; null when there is no such call
 * @param bridgeId     the bridge that holds the claim, when the call was claimed (by anyone)
 * @param originatedAt when Asterisk accepted the Originate; null if the claimer never got that far
 */
public record ClaimResult(Outcome outcome, Call call, String bridgeId, java.time.Instant originatedAt) {

    public enum Outcome {
        /** This bridge owns the call now and must originate it. */
        CLAIMED,
        /** Another claim came first, or the call is final or canceled: do not dial. */
        NOT_QUEUED,
        /** No call with that id: a message without a record. */
        MISSING
    }
}
