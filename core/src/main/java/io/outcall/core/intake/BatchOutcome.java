package io.outcall.core.intake;

/**
 * What became of one item of a batch, at its index: the call accepted (or replayed), or the failure
 * that refused it, the same a single request would have got: {@link InvalidCallRequestException},
 * {@link io.outcall.core.dnc.DoNotCallException}, {@link IdempotencyConflictException},
 * {@link io.outcall.core.window.OutsideCallingWindowException}, or {@link IntakeUnavailableException} (nothing of it is
 * left half-done; a call written but not queued is FAILED and named).
 */
public record BatchOutcome(int index, Accepted accepted, RuntimeException refusal) {

    public static BatchOutcome accepted(int index, Accepted accepted) {
        return new BatchOutcome(index, accepted, null);
    }

    public static BatchOutcome refused(int index, RuntimeException refusal) {
        return new BatchOutcome(index, null, refusal);
    }

    public boolean isAccepted() {
        return accepted != null;
    }
}
