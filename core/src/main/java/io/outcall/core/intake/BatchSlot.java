package io.outcall.core.intake;

import io.outcall.core.call.Call;

/** One item on its way through a batch; refused once {@code outcome} is set, done when accepted. */
final class BatchSlot {

    enum Kind { NEW, REPLAY, ADOPT }

    final int index;
    final BatchItem item;
    ValidatedCall valid;
    String callId;
    Kind kind = Kind.NEW;
    Call call;
    /** The caller-ID given to a call this batch creates. */
    io.outcall.core.tenant.Did did;
    /** When the callee's calling window opens, for a call scheduled until then; null: dialed now. */
    java.time.Instant opening;
    BatchOutcome outcome;

    BatchSlot(int index, BatchItem item) {
        this.index = index;
        this.item = item;
    }

    boolean open() {
        return outcome == null;
    }

    IdempotencyKey key() {
        return item.idempotencyKey();
    }

    void refuse(RuntimeException refusal) {
        outcome = BatchOutcome.refused(index, refusal);
    }

    void accept() {
        outcome = BatchOutcome.accepted(index, new Accepted(call, kind == Kind.REPLAY));
    }
}
