package io.outcall.core.sweep;

import io.outcall.core.call.Call;

/**
 * A call found still QUEUED by the sweeper.
 *
 * @param requeues how often the sweeper has enqueued it again so far
 */
public record QueuedCall(Call call, int requeues) {
}
