package io.outcall.bench.throughput.child;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Time spent in one kind of call, and how many. */
final class Timer {
    final LongAdder nanos = new LongAdder();
    final LongAdder count = new LongAdder();
    final LongAdder failures = new LongAdder();
    final AtomicLong maxNanos = new AtomicLong();

    void add(long startNanos) {
        long took = System.nanoTime() - startNanos;
        nanos.add(took);
        count.increment();
        maxNanos.accumulateAndGet(took, Math::max);
    }

    /** Runs {@code call}, timing it, counting it as failed when it throws. */
    <T> T time(java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        } finally {
            add(start);
        }
    }

    /** "mean/max ms, failures" for a report. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "%.1f/%.0fms%s", meanMillis(), maxNanos.get() / 1e6,
                failures.sum() > 0 ? "/" + failures.sum() + "_failed" : "");
    }

    double meanMillis() {
        long n = count.sum();
        return n == 0 ? 0 : nanos.sum() / 1e6 / n;
    }
}
