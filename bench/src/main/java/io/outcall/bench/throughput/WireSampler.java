package io.outcall.bench.throughput;

import io.outcall.bench.common.Machine;

import java.util.ArrayList;
import java.util.List;

/**
 * Every 50 ms, the events the relay has counted on the wire and this JVM's CPU time, so that a
 * child's sustained window (given in epoch milliseconds) can be turned into wire events/s and
 * the cores pbx-sim, the relay and the local servers used meanwhile.
 */
final class WireSampler {

    private record WireSample(long epochMillis, long events, long cpuNanos) {
    }

    private final List<WireSample> samples = new ArrayList<>();
    private volatile AmiRelay relay;

    WireSampler start() {
        Thread.ofPlatform().daemon().name("wire-sampler").start(this::sample);
        return this;
    }

    /** The relay to read from now on; null between runs. */
    void follow(AmiRelay relay) {
        this.relay = relay;
    }

    private void sample() {
        while (true) {
            AmiRelay current = relay;
            synchronized (samples) {
                samples.add(new WireSample(System.currentTimeMillis(), current == null ? -1 : current.events(),
                        Machine.processCpuNanos()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private WireSample at(long epochMillis) {
        synchronized (samples) {
            WireSample best = null;
            for (WireSample s : samples) {
                if (best == null || Math.abs(s.epochMillis - epochMillis) < Math.abs(best.epochMillis - epochMillis)) {
                    best = s;
                }
            }
            return best;
        }
    }

    /** Events per second on the wire over a child's sustained window. */
    double wireRate(ChildResult result) {
        WireSample from = at(Long.parseLong(result.get("window_start_epoch_ms")));
        WireSample to = at(Long.parseLong(result.get("window_end_epoch_ms")));
        if (from == null || to == null || to.epochMillis <= from.epochMillis || from.events < 0) {
            return 0;
        }
        return (to.events - from.events) * 1000.0 / (to.epochMillis - from.epochMillis);
    }

    /** Cores this JVM (DynamoDB Local, ElasticMQ, pbx-sim, relay) used over a child's sustained window. */
    double parentCpu(ChildResult result) {
        WireSample from = at(Long.parseLong(result.get("window_start_epoch_ms")));
        WireSample to = at(Long.parseLong(result.get("window_end_epoch_ms")));
        if (from == null || to == null || to.epochMillis <= from.epochMillis) {
            return 0;
        }
        return (to.cpuNanos - from.cpuNanos) / 1e6 / (to.epochMillis - from.epochMillis);
    }
}
