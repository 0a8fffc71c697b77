package io.outcall.core.sweep;

import io.outcall.core.json.EmbeddedMetrics;
import io.outcall.core.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * What one sweep did, and its log line: one JSON object that is also a CloudWatch Embedded Metric
 * Format document, so CloudWatch Logs turns its counts into metrics of namespace {@value #NAMESPACE}
 * without an SDK call (no dimensions: one sweeper per stack).
 *
 * @param stuck        QUEUED calls found older than the threshold (metric StuckQueuedCalls)
 * @param requeued     enqueued again (SweptCallsRequeued)
 * @param neverDialed  ended FAILED NEVER_DIALED (SweptCallsNeverDialed)
 * @param movedOn      claimed, canceled or failed between being found and being written: left alone
 * @param failures     shards or calls the sweep could not handle (SweepFailures); the next run retries
 * @param firstFailure what went wrong first, for the log; null without failures
 */
public record SweepReport(Instant at, SweepSettings settings, int stuck, int requeued, int neverDialed, int movedOn,
                          int failures, String firstFailure) {

    public static final String NAMESPACE = EmbeddedMetrics.NAMESPACE;

    /** The log line of this run: the summary and, under {@code _aws}, the metrics to extract from it. */
    public String logLine(Json json) {
        return json.write(out -> {
            out.writeStartObject();
            EmbeddedMetrics.declare(out, at, List.of("StuckQueuedCalls", "SweptCallsRequeued", "SweptCallsNeverDialed",
                    "SweepFailures"));
            out.writeStringField("message", "queued-call sweep");
            out.writeNumberField("StuckQueuedCalls", stuck);
            out.writeNumberField("SweptCallsRequeued", requeued);
            out.writeNumberField("SweptCallsNeverDialed", neverDialed);
            out.writeNumberField("SweepFailures", failures);
            out.writeNumberField("movedOn", movedOn);
            out.writeNumberField("queuedForSeconds", settings.queuedFor().toSeconds());
            out.writeNumberField("maxRequeues", settings.maxRequeues());
            out.writeNumberField("shards", settings.shards());
            if (firstFailure != null) {
                out.writeStringField("firstFailure", firstFailure);
            }
            out.writeEndObject();
        });
    }

    /** The counts of a run in progress. */
    static final class Tally {
        int stuck;
        int requeued;
        int neverDialed;
        int movedOn;
        private int failures;
        private String firstFailure;

        void failed(String what, RuntimeException e) {
            failures++;
            if (firstFailure == null) {
                firstFailure = what + ": " + e;
            }
        }

        SweepReport report(Instant at, SweepSettings settings) {
            return new SweepReport(at, settings, stuck, requeued, neverDialed, movedOn, failures, firstFailure);
        }
    }
}
