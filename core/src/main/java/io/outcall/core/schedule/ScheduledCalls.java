package io.outcall.core.schedule;

import io.outcall.core.call.Call;
import io.outcall.core.call.ScheduledReason;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The calls waiting SCHEDULED for their {@code notBefore}: a sparse, sharded index of them by the
 * instant they are due, the two conditional moves between SCHEDULED and QUEUED, and the hold that
 * moves a due call's place in the index on while its tenant is suspended.
 */
public interface ScheduledCalls {

    /**
     * Calls of one shard that the index lists as SCHEDULED and due before {@code before}, however
     * long ago (a scheduler that missed runs catches up), soonest first, at most {@code limit}.
     * Never a scan; eventually consistent, like every index: {@link #enqueue} decides.
     */
    List<DueCall> dueBefore(int shard, Instant before, int limit);

    /**
     * Moves the call from SCHEDULED to QUEUED (it leaves the due index and enters the index of
     * waiting calls, waiting since its {@code notBefore} or {@code at}, whichever is later), only if
     * it is still SCHEDULED and still due at {@link DueCall#dueAt()}.
     *
     * @return the call as it now is, QUEUED, to be sent to the originate queue; empty when it had
     *         moved on (canceled, rescheduled, or another scheduler got there first)
     */
    Optional<Call> enqueue(DueCall due, Instant at);

    /**
     * {@link #enqueue} for many calls (at most {@value #MOST_AT_ONCE}), in as few requests as the
     * store allows; each moves or not on its own terms.
     *
     * @return the calls that moved to QUEUED, as they now are
     */
    default List<Call> enqueueAll(List<DueCall> due, Instant at) {
        return due.stream().map(d -> enqueue(d, at)).flatMap(Optional::stream).toList();
    }

    /** The most calls {@link #enqueueAll} and {@link #holdAll} take at once. */
    int MOST_AT_ONCE = 100;

    /**
     * Holds due calls (at most {@value #MOST_AT_ONCE}) that may not go yet: each stays SCHEDULED with
     * its {@code notBefore} unchanged, but the index lists it as due at {@code recheckAt}, so the runs
     * before then do not read it again. Each moves only if it is still SCHEDULED, still due at
     * {@link DueCall#dueAt()} and, given {@link DueCall#listed()}, still at that version: a call that
     * moved on meanwhile (canceled, enqueued by another run) is left as it is.
     *
     * @return how many calls were held
     */
    int holdAll(List<DueCall> due, Instant recheckAt);

    /**
     * Moves the call back to SCHEDULED, due at {@code notBefore} for {@code reason}: from QUEUED (a
     * calling window closed before it was dialed; {@code callingWindow} moves only a QUEUED call, so
     * a stale copy of its message never pulls back a call being dialed) or from a live status (its
     * attempt ended and will be retried), only while its current attempt is {@code attempt} (a call without an attempt
     * count is on attempt 1), it is not final, and nobody asked to cancel it.
     *
     * @return false when none of that holds: the call moved on, and is left as it is
     */
    boolean reschedule(String callId, int attempt, Instant notBefore, ScheduledReason reason);
}
