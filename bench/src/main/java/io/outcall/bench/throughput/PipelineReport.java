package io.outcall.bench.throughput;

import java.util.Locale;

/** Run A's summary: the bridge's highest clean step, what it read and handed on, and how it compares with its floor. */
final class PipelineReport {

    private PipelineReport() {
    }

    static void print(PipelineRun.Figures figures) {
        StepLadder.Result ladder = figures.bridge();
        PipelineStep shown = ladder.shown();
        ChildResult a = shown.r();
        Say.line("");
        Say.line(String.format(Locale.ROOT, "A  pipeline, COUNTING SINK, NO DYNAMODB: %s at %.0f calls/s offered (%s calls, window %s s)",
                ladder.best() != null ? "highest clean step" : "NO CLEAN STEP; first step", shown.rate(), a.get("calls"),
                a.get("window_s")));
        Say.line(String.format(Locale.ROOT, "   originates/s            %8.0f", a.number("originates_per_s")));
        Say.line(String.format(Locale.ROOT, "   AMI events/s read       %8.0f   everything Asterisk sends, read and parsed by asterisk-java and"
                        + " offered to the bridge's listener (%.1f events + %.1f responses, %.1f KB per call, counted on the wire)",
                shown.wireRate(), shown.wireEventsPerCall(), shown.wireResponsesPerCall(), shown.wireBytesPerCall() / 1024));
        Say.line("   wire events per call:   " + AmiRelay.describe(ladder.wireNames(), Math.max(1, a.number("originates"))));
        Say.line(String.format(Locale.ROOT, "   AMI events/s followed   %8.0f   queued by the listener and run through correlation and the"
                + " state machine (%s per call; the rest is dropped by a class check on the listener)", a.number("ami_events_per_s"),
                a.get("ami_events_per_call")));
        Say.line(String.format(Locale.ROOT, "   call events/s to writer %8.0f   (%s per call: %s)", a.number("handed_events_per_s"),
                a.get("handed_events_per_call"), a.get("handed_event_names")));
        Say.line(String.format(Locale.ROOT, "   status writes/s         %8.0f", a.number("progress_writes_per_s")));
        Say.line(String.format(Locale.ROOT, "   enqueue->Originate      p50 %s ms, p99 %s ms, max %s ms", a.get("latency_p50_ms"),
                a.get("latency_p99_ms"), a.get("latency_max_ms")));
        Say.line(String.format(Locale.ROOT, "   CPU                     bridge JVM %s cores (%% of one core: %s); pbx-sim + relay JVM %.1f cores",
                a.get("cpu_cores_used"), a.get("threads"), shown.parentCpu()));
        Say.line(String.format(Locale.ROOT, "   lost events             bridge_ami_events_dropped=%s asterisk_java_queue_full=%s reconnects=%s;"
                + " outcomes %s", a.get("ami_events_dropped"), a.get("asterisk_java_queue_full"), a.get("reconnects"), a.get("statuses")));
        Say.line(String.format(Locale.ROOT, "   heap                    peak %s MB used, %s MB after GC, %s GCs, %s ms paused",
                a.get("peak_heap_mb"), a.get("peak_heap_after_gc_mb"), a.get("gc_count"), a.get("gc_pause_ms")));
        PipelineStep broke = ladder.steps().get(ladder.steps().size() - 1);
        if (broke != ladder.best()) {
            Say.line(String.format(Locale.ROOT, "   the next step, %.0f calls/s, was not clean: %s", broke.rate(), broke.clean()));
        }
        boolean meetsGoal = ladder.best() != null && a.number("originates_per_s") >= 1000 * 0.98 && shown.wireRate() >= 31_000;
        Say.line("   goal >= 1,000 originates/s and >= 31,000 AMI events/s: " + (meetsGoal ? "MET" : "NOT MET"));
        if (figures.floor() != null) {
            printFloor(figures);
        }
    }

    private static void printFloor(PipelineRun.Figures figures) {
        PipelineStep bridge = figures.bridge().capacity();
        PipelineStep floor = figures.floor().capacity();
        Say.line(String.format(Locale.ROOT, "   ingest, bridge          %8.0f   AMI events/s read on the wire, the most at any step where nothing"
                + " was lost (%s)", bridge == null ? 0 : bridge.wireRate(), describe(bridge)));
        Say.line(String.format(Locale.ROOT, "   ingest floor            %8.0f   the same for asterisk-java alone, a listener that only counts (%s)",
                floor == null ? 0 : floor.wireRate(), describe(floor)));
        double ratio = figures.ingestRatio();
        long dropped = Math.round(figures.bridge().steps().stream()
                .mapToDouble(s -> s.r().number("ami_events_dropped") + s.r().number("asterisk_java_queue_full")).sum());
        Say.line(String.format(Locale.ROOT, "   ingest ratio            %8.2f   the bridge's over the floor's; %d events dropped in A; goal >= 0.85"
                + " with 0 events dropped: %s", ratio, dropped, ratio >= 0.85 && dropped == 0 ? "MET" : "NOT MET"));
    }

    private static String describe(PipelineStep step) {
        if (step == null) {
            return "every step lost events";
        }
        return String.format(Locale.ROOT, "offered %.0f/s, %s originates/s, CPU %s cores (%% of one core: %s)%s", step.rate(),
                step.r().get("originates_per_s"), step.r().get("cpu_cores_used"), step.r().get("threads"),
                step.clean().isEmpty() ? "" : "; nothing lost, but " + step.clean());
    }
}
