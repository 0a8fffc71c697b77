package io.outcall.bench.throughput.child;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run of the bridge: samples its counters every 100 ms until {@code count} calls of the
 * run's tenant are final (or nothing moves for 10 s, or the time is up), printing progress every
 * second, and with a live target, the heap once that many calls are up at once.
 */
final class MeasuredRun {

    private static final long SAMPLE_MILLIS = 100;

    private final Instruments in;
    private final Runnable startBridge;

    /** @param startBridge starts the bridge on the first run, does nothing after */
    MeasuredRun(Instruments in, Runnable startBridge) {
        this.in = in;
        this.startBridge = startBridge;
    }

    String run(String label, String tenant, long count, long timeoutSeconds, int liveTarget) throws InterruptedException {
        long baseline = 0;
        if (liveTarget > 0) {
            // A measurement, not tuning: what the bridge holds with no call live, to compare with the live set below.
            System.gc();
            baseline = in.heap().usedNow();
        }
        in.heap().resetRunPeak();
        Map<Long, Long> cpu0 = in.threadCpu().snapshot();
        Counters before = Counters.of(in);
        List<Sample> samples = new ArrayList<>();
        Sample first = in.sample(tenant);
        samples.add(first);
        startBridge.run();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long lastPrint = first.nanos();
        long maxBacklog = 0;
        long maxFollowing = 0;
        String liveReport = "";
        Sample last = first;
        // Each run has its own tenant, so its calls are counted from zero even if some finished before it began.
        long lastProgressNanos = first.nanos();
        boolean stalled = false;
        while (last.done() < count && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE_MILLIS);
            Sample previous = last;
            last = in.sample(tenant);
            samples.add(last);
            if (last.done() != previous.done() || last.originates() != previous.originates()) {
                lastProgressNanos = last.nanos();
            } else if (liveTarget == 0 && last.originates() > first.originates()
                    && last.nanos() - lastProgressNanos > 10_000_000_000L) {
                // Nothing moved for 10 s: calls the bridge still follows will not finish soon (see "stuck").
                stalled = true;
                break;
            }
            maxBacklog = Math.max(maxBacklog, last.backlog());
            maxFollowing = Math.max(maxFollowing, last.following());
            if (liveTarget > 0 && liveReport.isEmpty() && last.following() >= liveTarget) {
                liveReport = liveHeap(label, last.following(), baseline);
            }
            if (last.nanos() - lastPrint >= 1_000_000_000L) {
                progress(label, count, samples, first, last);
                lastPrint = last.nanos();
            }
        }
        RunReport.Ending ending = new RunReport.Ending(last.done() >= count, stalled, maxBacklog, maxFollowing);
        return RunReport.of(label, tenant, in, before, cpu0, samples, ending) + liveReport;
    }

    /** With the live target up: heap used, then the live set after a full GC. */
    private String liveHeap(String label, long live, long baseline) {
        long usedAtLive = in.heap().usedNow();
        long peakSoFar = in.heap().runPeak.get();
        // A measurement, not tuning: a full GC here shows what the live calls themselves occupy.
        System.gc();
        long liveSet = in.heap().usedNow();
        BridgeThroughputChild.say(String.format(Locale.ROOT, "  [%s] %d calls live at once: heap used %.1f MB, after a full GC"
                + " %.1f MB (%.1f KB per live call incl. baseline)", label, live, ResultLine.mb(usedAtLive),
                ResultLine.mb(liveSet), liveSet / 1024.0 / live));
        return String.format(Locale.ROOT, " live_calls=%d heap_used_at_live_mb=%.1f heap_peak_so_far_mb=%.1f"
                        + " heap_after_full_gc_mb=%.1f baseline_after_full_gc_mb=%.1f", live, ResultLine.mb(usedAtLive),
                ResultLine.mb(peakSoFar), ResultLine.mb(liveSet), ResultLine.mb(baseline));
    }

    private static void progress(String label, long count, List<Sample> samples, Sample first, Sample last) {
        Sample prev = samples.get(Math.max(0, samples.size() - 1 - (int) (1000 / SAMPLE_MILLIS)));
        double dt = (last.nanos() - prev.nanos()) / 1e9;
        BridgeThroughputChild.say(String.format(Locale.ROOT, "  [%s] %5.1fs originated=%d done=%d/%d  originates/s=%.0f"
                        + " ami_events/s=%.0f handed_events/s=%.0f live=%d backlog=%d heap=%.0fMB",
                label, (last.nanos() - first.nanos()) / 1e9, last.originates() - first.originates(),
                last.done(), count, (last.originates() - prev.originates()) / dt,
                (last.amiEvents() - prev.amiEvents()) / dt, (last.handedEvents() - prev.handedEvents()) / dt,
                last.following(), last.backlog(), ResultLine.mb(last.heapUsed())));
    }
}
