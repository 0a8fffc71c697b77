package io.outcall.bridge.recordings;

import io.outcall.bridge.health.BridgeMetrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The recordings' figures on the bridge's {@code /metrics}. */
public final class RecordingMetrics {

    private final LongAdder uploaded = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicLong overdue = new AtomicLong();

    public RecordingMetrics(BridgeMetrics metrics) {
        metrics.counter("bridge_recordings_uploaded_total", "Recordings stored in the audio bucket and on their call",
                uploaded::sum);
        metrics.counter("bridge_recording_upload_failures_total", "Recording uploads that failed and were retried",
                failures::sum);
        metrics.gauge("bridge_recordings_overdue", "Recordings still in the spool folder an hour or more after"
                + " MixMonitor last wrote them (uploads failing, or files of no recorded call)", overdue::get);
    }

    void uploaded() {
        uploaded.increment();
    }

    void uploadFailed() {
        failures.increment();
    }

    void overdue(long count) {
        overdue.set(count);
    }

    public long uploadFailures() {
        return failures.sum();
    }

    public long overdueCount() {
        return overdue.get();
    }
}
