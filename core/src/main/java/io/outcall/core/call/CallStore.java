package io.outcall.core.call;

import java.time.Instant;
import java.util.Optional;

/** Call records, keyed by call id. */
public interface CallStore {

    /**
     * Writes a new call.
     *
     * @throws CallAlreadyExistsException when a call with that id is already recorded
     */
    void create(Call call);

    Optional<Call> find(String callId);

    /**
     * Ends a call FAILED for a reason Asterisk never saw (e.g. it could not be queued), only if it
     * is still in the status {@code call} has.
     *
     * @return false when the call had moved on
     */
    boolean fail(Call call, String reason, Instant at);

    /**
     * Takes a QUEUED call for dialing: it becomes DIALING, owned by {@code bridgeId}. Only one
     * claim ever succeeds, which is what makes dialing at-most-once. A call of another tenant than
     * {@code tenantId} is not claimed.
     */
    ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, Instant at);

    /**
     * Claims attempt {@code attempt} of a QUEUED call: a message of another attempt (a stale copy of
     * an earlier one) claims nothing and gets {@link ClaimResult.Outcome#NOT_QUEUED}. A store that
     * keeps no attempts claims only first attempts.
     */
    default ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, int attempt,
                              Instant at) {
        if (attempt != 1) {
            throw new UnsupportedOperationException("this call store keeps no attempts; cannot claim attempt " + attempt);
        }
        return claim(callId, tenantId, bridgeId, originateActionId, at);
    }

    /**
     * A bridge saw this QUEUED call's message and put it back to wait for its tenant's turn: the
     * call is not lost, so the queued-call sweeper's wait restarts at {@code at} and its count of
     * re-enqueues is cleared. Does nothing to a call that is no longer QUEUED.
     */
    void stillWaiting(String callId, Instant at);

    /** Records that the Originate for a claimed call was accepted by Asterisk. */
    void markOriginated(String callId, Instant at);

    /**
     * Writes a step forward; ignored when the stored status already ranks as high or higher, or the
     * call is on another attempt than the step's. A final step also counts the call in its tenant's
     * statistics, in the same transaction.
     *
     * @return false when it was ignored
     */
    boolean advance(CallProgress progress);

    /**
     * Writes what answering-machine detection found on a live call (each report is whole); a call
     * already final is left as its final write left it.
     *
     * @return false when the call is unknown or final
     */
    boolean recordAmd(String callId, String tenantId, io.outcall.core.amd.AmdOutcome amd);

    /**
     * Stops a call for its tenant: a QUEUED call becomes CANCELED at once (and is never dialed); a
     * live one gets {@code cancelRequestedAt} and is listed for its bridge by {@link #cancelRequests}.
     */
    CancelResult cancel(String callId, String tenantId, Instant at);

    /** Ids of the live calls of a bridge whose tenant asked to stop them. */
    java.util.List<String> cancelRequests(String bridgeId);

    /** Calls a bridge owns that are not final yet, for reconciling after a restart. */
    java.util.List<ClaimedCall> liveOnBridge(String bridgeId);
}
