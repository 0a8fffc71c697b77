package io.outcall.bench.throughput.child;

import io.outcall.bridge.logging.BridgeLogging;

import java.util.List;
import java.util.Map;

/** What one measured run of the bridge reports to the parent: rates, latency, heap, CPU, losses, where the time went. */
final class RunReport {

    /** How a run's sampling loop ended. */
    record Ending(boolean complete, boolean stalled, long maxBacklog, long maxFollowing) {
    }

    private RunReport() {
    }

    static ResultLine of(String label, String tenant, Instruments in, Counters before, Map<Long, Long> threadCpuBefore,
                         List<Sample> samples, Ending ending) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        SustainedWindow window = SustainedWindow.of(samples, first, last);
        double overallSeconds = window.overallSeconds(last);
        double[] lat = in.latencies().percentiles(tenant);
        long originated = last.originates() - first.originates();
        long claims = in.store().claim.count.sum() - before.claims();
        HeapWatch heap = in.heap();
        ResultLine r = new ResultLine(label)
                .put("complete", Boolean.toString(ending.complete()))
                .put("stalled", Boolean.toString(ending.stalled()))
                .put("stuck", ending.stalled() ? last.following() : 0)
                .put("calls", last.done())
                .put("originates", originated)
                .put("window_s", window.seconds())
                .put("window_start_epoch_ms", window.startEpochMillis())
                .put("window_end_epoch_ms", window.endEpochMillis())
                .put("originates_per_s", window.rate(Sample::originates))
                .put("ami_events_per_s", window.rate(Sample::amiEvents))
                .put("handed_events_per_s", window.rate(Sample::handedEvents))
                .put("progress_writes_per_s", window.rate(Sample::progress))
                .put("overall_s", overallSeconds)
                .put("overall_originates_per_s", overallSeconds > 0 ? originated / overallSeconds : 0)
                .put("ami_events_per_call", originated == 0 ? 0 : (double) (last.amiEvents() - first.amiEvents()) / originated)
                .put("handed_events_per_call", originated == 0 ? 0
                        : (double) (last.handedEvents() - first.handedEvents()) / originated)
                .put("latency_p50_ms", lat[0])
                .put("latency_p99_ms", lat[1])
                .put("latency_max_ms", lat[2])
                .put("latency_n", lat[3])
                .put("peak_heap_mb", ResultLine.mb(heap.runPeak.get()))
                .put("peak_heap_after_gc_mb", ResultLine.mb(heap.runPeakAfterGc.get()))
                .put("gc_count", heap.gcCount.get() - before.gcCount())
                .put("gc_pause_ms", heap.gcPauseMillis.get() - before.gcPauseMillis())
                .put("cpu_cores_used", window.seconds() > 0 ? window.rate(Sample::cpuNanos) / 1e9 : 0)
                .put("max_live", ending.maxFollowing())
                .put("max_backlog", ending.maxBacklog())
                .put("ami_events_dropped", in.metrics().amiEventsDropped.sum() - before.dropped())
                .put("asterisk_java_queue_full", BridgeLogging.asteriskJavaQueueFull() - before.queueFull())
                .put("originate_errors", in.metrics().originateErrors.sum() - before.originateErrors())
                .put("duplicates", in.metrics().duplicateMessages.sum() - before.duplicates())
                .put("reconnects", in.metrics().reconnects.sum() - before.reconnects())
                .put("statuses", in.done().statuses(tenant).toString().replace(" ", ""));
        double run = (last.nanos() - first.nanos()) / 1e9;
        consumerTime(r, in, before, claims, run);
        r.put("threads", in.threadCpu().top(threadCpuBefore, run, 8));
        // mean/max per call, cumulative over the JVM's life: a stall anywhere shows as a max.
        TimedSqs sqs = in.sqs();
        InstrumentedCallStore store = in.store();
        r.put("io", "receive:" + sqs.receive.describe() + ",delete:" + sqs.delete.describe() + ",claim:" + store.claim.describe()
                + ",markOriginated:" + store.markOriginated.describe() + ",advance:" + store.advance.describe()
                + (in.timedEvents() == null ? "" : ",eventBatch:" + in.timedEvents().timer.describe()));
        if (in.timedEvents() != null) {
            long batches = in.timedEvents().timer.count.sum() - before.eventBatches();
            r.put("event_batches", batches)
                    .put("event_batch_mean_ms", ResultLine.meanMillis(in.timedEvents().timer.nanos.sum() - before.eventBatchNanos(), batches))
                    .put("events_per_batch", (double) (last.handedEvents() - first.handedEvents()) / Math.max(1, batches));
        }
        if (in.countingSink() != null) {
            r.put("handed_event_names", in.countingSink().names().toString().replace(" ", ""));
        }
        return r;
    }

    /** Where the consumer thread's time went (it does receive -> claim -> Originate, one message at a time). */
    private static void consumerTime(ResultLine r, Instruments in, Counters before, long claims, double run) {
        TimedSqs sqs = in.sqs();
        InstrumentedCallStore store = in.store();
        long claimNanos = store.claim.nanos.sum() - before.claimNanos();
        long advances = store.advance.count.sum() - before.advances();
        r.put("run_s", run)
                .put("consumer_receive_s", (sqs.receive.nanos.sum() - before.receiveNanos()) / 1e9)
                .put("consumer_claim_s", claimNanos / 1e9)
                .put("claim_mean_ms", ResultLine.meanMillis(claimNanos, claims))
                .put("empty_receives", sqs.emptyReceives.sum() - before.emptyReceives())
                .put("messages_per_receive", (sqs.received.sum() - before.received())
                        / Math.max(1.0, sqs.receive.count.sum() - before.receives()))
                .put("delete_mean_ms", ResultLine.meanMillis(sqs.delete.nanos.sum() - before.deleteNanos(),
                        sqs.delete.count.sum() - before.deletes()))
                .put("mark_originated_mean_ms", ResultLine.meanMillis(store.markOriginated.nanos.sum() - before.markNanos(),
                        store.markOriginated.count.sum() - before.marks()))
                .put("advance_mean_ms", ResultLine.meanMillis(store.advance.nanos.sum() - before.advanceNanos(), advances))
                .put("advance_writes", advances);
    }
}
