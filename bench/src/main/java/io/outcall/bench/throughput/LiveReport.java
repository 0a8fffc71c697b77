package io.outcall.bench.throughput;

import java.util.Locale;

/** Run C's summary: the heap with every call up at once, against the heap before. */
final class LiveReport {

    private LiveReport() {
    }

    static void print(ChildResult c, int live) {
        Say.line("");
        Say.line(String.format(Locale.ROOT, "C  %d CALLS LIVE (DynamoDB sink, -Xmx256m): %s", live,
                c.isTrue("complete") ? "all completed" : "NOT all completed (" + c.get("calls") + ")"));
        Say.line(String.format(Locale.ROOT, "   max live at once %s;%s", c.get("max_live"), c.has("live_calls")
                ? String.format(Locale.ROOT, " heap used then %s MB, after a full GC %s MB (%s MB after a full GC"
                        + " before the run: %.1f KB per live call)", c.get("heap_used_at_live_mb"),
                c.get("heap_after_full_gc_mb"), c.get("baseline_after_full_gc_mb"),
                (c.number("heap_after_full_gc_mb") - c.number("baseline_after_full_gc_mb")) * 1024
                        / Math.max(1, c.number("live_calls")))
                : " the live target was not reached (raise --hold-seconds)"));
        Say.line(String.format(Locale.ROOT, "   peak heap used %s MB (sampled every 10 ms), peak after GC %s MB, %s GCs,"
                        + " %s ms paused, max persistence backlog %s", c.get("peak_heap_mb"),
                c.get("peak_heap_after_gc_mb"), c.get("gc_count"), c.get("gc_pause_ms"), c.get("max_backlog")));
        Say.line(String.format(Locale.ROOT, "   lost events: bridge_ami_events_dropped=%s asterisk_java_queue_full=%s"
                        + " reconnects=%s; outcomes %s", c.get("ami_events_dropped"), c.get("asterisk_java_queue_full"),
                c.get("reconnects"), c.get("statuses")));
        Say.line("   I/O mean/max per call: " + c.get("io"));
    }
}
