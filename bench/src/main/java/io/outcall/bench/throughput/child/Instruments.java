package io.outcall.bench.throughput.child;

import io.outcall.bench.common.Machine;
import io.outcall.bridge.calls.CallSink;
import io.outcall.bridge.health.BridgeMetrics;

import java.util.function.LongSupplier;

/**
 * What the child reads around one bridge: its metrics, the timed store, queue and event writes, the
 * sink, heap and CPU. {@code timedEvents} and {@code countingSink} are null in the mode without them.
 */
record Instruments(BridgeMetrics metrics, Done done, Latencies latencies, InstrumentedCallStore store, TimedSqs sqs,
                   TimedEvents timedEvents, CountingSink countingSink, CallSink sink, HeapWatch heap, ThreadCpu threadCpu,
                   LongSupplier following) {

    Sample sample(String tenant) {
        long handed = countingSink != null ? countingSink.events.sum() : metrics.callEventsPersisted.sum();
        long progress = countingSink != null ? countingSink.progress.sum() : store.advance.count.sum();
        return new Sample(System.nanoTime(), System.currentTimeMillis(), metrics.originates.sum(), metrics.amiEvents.sum(),
                handed, progress, done.of(tenant), following.getAsLong(), sink.backlog(), heap.usedNow(),
                Machine.processCpuNanos());
    }
}
