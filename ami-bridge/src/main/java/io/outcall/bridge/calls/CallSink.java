package io.outcall.bridge.calls;

import java.time.Instant;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallProgress;

/**
 * Where the tracker hands what it learned. Implementations must return at once: they are called
 * on the tracker thread, which must keep up with the AMI stream.
 */
public interface CallSink {

    void progress(CallProgress progress);

    void event(CallEvent event);

    /**
     * What answering-machine detection found on a live call, whole (each report replaces the one
     * before). The final progress carries it again. A sink that keeps no call records ignores it.
     */
    default void amd(String callId, String tenantId, AmdOutcome outcome) {
    }

    /**
     * A retried call's attempt ended and another follows: the call waits for it. A sink that keeps
     * no call records, or cannot reschedule, ends the call as it would have ended without a retry.
     */
    default void attemptEnded(AttemptEnd end) {
        progress(end.finalIfNotRetried());
    }

    /** Items handed over but not yet persisted; the bridge stops taking calls when this grows. */
    long backlog();

    /**
     * The last event seq stored for a call this process did not follow from its start (an adopted
     * orphan), so its timeline goes on instead of being written over; 0 when nothing is kept.
     * Not called on the tracker thread: it may read the store.
     */
    default long lastEventSeq(String callId) {
        return 0;
    }

    /**
     * The call's timeline is kept until {@code expiresAt} (its tenant's retention when it was
     * accepted); told before its first event, from any thread. Null, or a sink that keeps nothing, ignores it.
     */
    default void timelineExpires(String callId, Instant expiresAt) {
    }

    /** Milliseconds the oldest unpersisted item has waited; 0 when nothing waits or nothing is kept. */
    default long lagMillis() {
        return 0;
    }
}
