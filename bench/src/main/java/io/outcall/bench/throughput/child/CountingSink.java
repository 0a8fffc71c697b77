package io.outcall.bench.throughput.child;

import io.outcall.bridge.calls.CallSink;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallProgress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline run's writer: counts what the tracker hands over and returns. No DynamoDB, no
 * queue, backlog always 0, so the run measures read, parse, correlate, state machine and the
 * hand-off, and nothing after it.
 */
final class CountingSink implements CallSink {
    final LongAdder events = new LongAdder();
    final LongAdder progress = new LongAdder();
    private final Map<String, LongAdder> names = new ConcurrentHashMap<>();
    private final Done done;

    CountingSink(Done done) {
        this.done = done;
    }

    @Override
    public void progress(CallProgress p) {
        progress.increment();
        if (p.status().isFinal()) {
            done.finished(p.tenantId(), p.status().name());
        }
    }

    @Override
    public void event(CallEvent event) {
        events.increment();
        names.computeIfAbsent(event.name(), n -> new LongAdder()).increment();
    }

    @Override
    public long backlog() {
        return 0;
    }

    Map<String, Long> names() {
        Map<String, Long> out = new TreeMap<>();
        names.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
