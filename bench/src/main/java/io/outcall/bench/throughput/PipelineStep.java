package io.outcall.bench.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One step of a ladder: calls offered at {@code rate} (0: a burst), and what came of it. */
record PipelineStep(double rate, ChildResult r, double wireRate, double parentCpu, double wireEventsPerCall,
                    double wireResponsesPerCall, double wireBytesPerCall) {

    /** Empty when the child kept up without losing anything; else what went wrong. */
    String clean() {
        List<String> problems = losses();
        if (rate > 0 && r.number("originates_per_s") < rate * 0.95) {
            problems.add(String.format(Locale.ROOT, "fell behind: %.0f originates/s", r.number("originates_per_s")));
        }
        if (r.number("latency_p99_ms") > 1000) {
            problems.add("p99 enqueue-to-Originate " + r.get("latency_p99_ms") + " ms");
        }
        return String.join("; ", problems);
    }

    /**
     * True when every call's events came in, whole and without a reconnect, even if the child fell
     * behind the offered rate: its events/s then is what it sustains, its capacity.
     */
    boolean lossless() {
        return losses().isEmpty();
    }

    private List<String> losses() {
        List<String> problems = new ArrayList<>();
        if (!r.isTrue("complete")) {
            problems.add("only " + r.get("calls") + " calls finished" + (r.isTrue("stalled")
                    ? " (" + r.get("stuck") + " calls still followed, nothing moving for 10 s)" : " in time"));
        }
        if (r.number("reconnects") > 0) {
            problems.add(r.get("reconnects") + " AMI reconnects (the PBX dropped a session that did not read fast enough)");
        }
        if (r.number("ami_events_dropped") > 0 || r.number("asterisk_java_queue_full") > 0) {
            problems.add("events dropped: bridge " + r.get("ami_events_dropped") + ", asterisk-java " + r.get("asterisk_java_queue_full"));
        }
        String statuses = r.getOrDefault("statuses", "");
        if (!statuses.matches("\\{COMPLETED=\\d+}")) {
            problems.add("outcomes " + statuses);
        }
        return problems;
    }

    /** @param handled what the child's own event count means: "followed" by the bridge, "dispatched" by asterisk-java */
    String line(String handled) {
        String verdict = clean();
        return String.format(Locale.ROOT, "%s: %5.0f originates/s, %6.0f AMI events/s read (%.1f per call), %5.0f %s,"
                        + " p50/p99 %s/%s ms, CPU child %s + pbx-sim %.1f cores, heap peak %s MB -> %s",
                rate > 0 ? String.format(Locale.ROOT, "offered %5.0f/s", rate) : "burst", r.number("originates_per_s"), wireRate,
                wireEventsPerCall, r.number("ami_events_per_s"), handled, r.get("latency_p50_ms"), r.get("latency_p99_ms"),
                r.get("cpu_cores_used"), parentCpu, r.get("peak_heap_mb"), verdict.isEmpty() ? "clean" : "NOT CLEAN: " + verdict);
    }
}
