package io.outcall.bench.throughput.child;

import java.util.List;

/** The bridge's cumulative counters at one instant of a run, taken every 100 ms. */
record Sample(long nanos, long epochMillis, long originates, long amiEvents, long handedEvents, long progress, long done,
              long following, long backlog, long heapUsed, long cpuNanos) {

    /** The first sample at or past {@code originates}, or null. */
    static Sample firstReaching(List<Sample> samples, long originates) {
        for (Sample s : samples) {
            if (s.originates >= originates) {
                return s;
            }
        }
        return null;
    }
}
