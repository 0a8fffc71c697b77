package io.outcall.core.store;

import io.outcall.core.call.Call;

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
}
