package io.outcall.bench.scheduler;

import io.outcall.core.call.Call;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.schedule.DueCall;
import io.outcall.core.schedule.ScheduledCalls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** The scheduler's store and queue, each call timed by its phase: the run's per-phase timings. */
final class TimedScheduledCalls implements ScheduledCalls {

    final PhaseClock queries = new PhaseClock("index queries");
    final PhaseClock writes = new PhaseClock("conditional writes");
    final PhaseClock sends = new PhaseClock("SendMessageBatch");
    private final ScheduledCalls calls;

    TimedScheduledCalls(ScheduledCalls calls) {
        this.calls = calls;
    }

    @Override
    public List<DueCall> dueBefore(int shard, Instant before, int limit) {
        return queries.time(() -> calls.dueBefore(shard, before, limit));
    }

    @Override
    public Optional<Call> enqueue(DueCall due, Instant at) {
        return writes.time(() -> calls.enqueue(due, at));
    }

    @Override
    public List<Call> enqueueAll(List<DueCall> due, Instant at) {
        return writes.time(() -> calls.enqueueAll(due, at));
    }

    @Override
    public int holdAll(List<DueCall> due, Instant recheckAt) {
        return writes.time(() -> calls.holdAll(due, recheckAt));
    }

    @Override
    public boolean reschedule(String callId, int attempt, Instant notBefore, ScheduledReason reason) {
        return calls.reschedule(callId, attempt, notBefore, reason);
    }

    /** {@code queue}, its sends timed as {@link #sends}. */
    OriginateQueue timed(OriginateQueue queue) {
        return new OriginateQueue() {
            @Override
            public void send(OriginateMessage message) {
                sends.time(() -> {
                    queue.send(message);
                    return null;
                });
            }

            @Override
            public List<OriginateMessage> sendAll(List<OriginateMessage> messages, ToIntFunction<OriginateMessage> delay) {
                return sends.time(() -> queue.sendAll(messages, delay));
            }
        };
    }

    String describe(long since) {
        return String.join("\n  ", "phases of the run:", queries.describe(since), writes.describe(since),
                sends.describe(since));
    }
}
