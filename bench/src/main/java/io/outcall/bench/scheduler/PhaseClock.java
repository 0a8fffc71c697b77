package io.outcall.bench.scheduler;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where a run's time goes, for one phase (index queries, conditional writes, sends): the time its
 * calls took summed over the threads (busy), and the span from its first call's start to its last
 * call's end (wall). Phases that overlap have spans that overlap.
 */
final class PhaseClock {

    private final String name;
    private final LongAdder busyNanos = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    PhaseClock(String name) {
        this.name = name;
    }

    <T> T time(Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            long end = System.nanoTime();
            busyNanos.add(end - start);
            calls.increment();
            first.accumulateAndGet(start, Math::min);
            last.accumulateAndGet(end, Math::max);
        }
    }

    /** @param since the run's start (System.nanoTime) */
    String describe(long since) {
        if (calls.sum() == 0) {
            return name + ": none";
        }
        return String.format("%s: %,d calls, busy %.1f thread-s, from %.1f s to %.1f s", name, calls.sum(),
                busyNanos.sum() / 1e9, (first.get() - since) / 1e9, (last.get() - since) / 1e9);
    }
}
