package io.outcall.core.call;

/**
 * Where a call is in its life. Status only moves forward: a write carries the new status's rank
 * and is conditional on the stored rank being lower, so events that arrive late or out of order
 * cannot move a call backwards.
 */
public enum CallStatus {
    /**
     * Waiting for its {@code notBefore} (asked for, a calling window, a retry's delay); the
     * scheduler moves it to QUEUED when due. Rank -1: below QUEUED, so the ranks stored before
     * it existed keep their meaning. A reschedule moves a call back here on purpose, with a write
     * conditional on the status it had, never through {@link #canMoveTo}.
     */
    SCHEDULED(-1),
    QUEUED(0),
    DIALING(1),
    RINGING(2),
    ANSWERED(3),
    COMPLETED(4),
    BUSY(4),
    NO_ANSWER(4),
    FAILED(4),
    CANCELED(4);

    private final int rank;

    CallStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return rank == COMPLETED.rank;
    }

    /** True when a call in this status may move to {@code next}; a final status never changes. */
    public boolean canMoveTo(CallStatus next) {
        return !isFinal() && next.rank > rank;
    }
}
