package io.outcall.core.sweep;

import io.outcall.core.call.Call;

import java.time.Instant;
import java.util.List;

/** The calls waiting for a bridge, as the sweeper sees them: a sparse, sharded index of QUEUED calls. */
public interface QueuedCalls {

    /**
     * Calls of one shard that are still QUEUED and have waited since before {@code before} (since
     * their creation, or since the sweeper last enqueued them again), read consistently after the
     * index, oldest first, at most {@code limit}. Never a scan.
     */
    List<QueuedCall> queuedBefore(int shard, Instant before, int limit);

    /**
     * Counts one more enqueue on the call and restarts its wait at {@code at}, only if it is still
     * QUEUED and nobody counted one since {@code call} was read.
     *
     * @return false when it had moved on (claimed, canceled, failed) or another sweep got there first
     */
    boolean recordRequeue(QueuedCall call, Instant at);

    /**
     * Ends a call that was never dialed FAILED with {@code reason}, counted in its tenant's
     * statistics like every call that fails while QUEUED, only if it is still QUEUED.
     *
     * @return false when it had moved on
     */
    boolean failNeverDialed(Call call, String reason, Instant at);
}
