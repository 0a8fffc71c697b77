package io.outcall.core.call;

/**
 * What a tenant's cancel did.
 *
 * @param call the call as it stands after the attempt; null when NOT_FOUND
 */
public record CancelResult(Outcome outcome, Call call) {

    public enum Outcome {
        /** It was still QUEUED and is now CANCELED: it will never be dialed. */
        CANCELED,
        /** It is dialing or answered: its bridge was asked to hang it up. */
        REQUESTED,
        /** It had already ended; nothing changed. */
        ALREADY_FINAL,
        /** No such call for this tenant (another tenant's call looks exactly the same). */
        NOT_FOUND
    }
}
