package io.outcall.bench.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls offered at steady rates, one step after the other, until a step is not clean: the listed
 * rates, then on by the last increment (at most {@value #MAX_STEPS} steps), so that neither the
 * bridge nor its floor is capped by the list. The same ladder, run against the same simulator
 * through the same relay, measures both: their highest clean steps compare.
 */
final class StepLadder {

    private static final int MAX_STEPS = 12;

    /** How a child is asked to place calls: it returns when they are done, or it gave up. */
    interface Driver {
        ChildResult offer(String label, long calls, double perSecond, long timeoutSeconds) throws InterruptedException;
    }

    /** The steps run, the highest clean one (null if none), and the wire's event names per call at it. */
    record Result(List<PipelineStep> steps, PipelineStep best, Map<String, Long> wireNames) {

        /** The step to report: the highest clean one, else the first. */
        PipelineStep shown() {
            return best != null ? best : steps.get(0);
        }

        /**
         * The most AMI events/s read on the wire at any step that lost nothing, the step where the
         * child fell behind included: what it sustains, not the ladder's rung below it.
         */
        PipelineStep capacity() {
            return steps.stream().filter(PipelineStep::lossless)
                    .max(java.util.Comparator.comparingDouble(PipelineStep::wireRate)).orElse(null);
        }
    }

    private final AmiRelay relay;
    private final WireSampler wire;
    private final List<Double> rates;
    private final double stepSeconds;

    StepLadder(AmiRelay relay, WireSampler wire, List<Double> rates, double stepSeconds) {
        this.relay = relay;
        this.wire = wire;
        this.rates = rates;
        this.stepSeconds = stepSeconds;
    }

    /** An uncounted warm-up (JIT, heap sizing), described in one line. */
    static String warmUp(Driver driver, double rate, double seconds) throws InterruptedException {
        long calls = Math.round(rate * seconds);
        if (calls <= 0) {
            return "";
        }
        ChildResult w = driver.offer("warmup", calls, rate, 120);
        return String.format(Locale.ROOT, "   warm-up, not counted: %s of %d calls finished at %.0f/s offered, %s reconnects,"
                        + " outcomes %s%s", w.get("calls"), calls, rate, w.get("reconnects"), w.get("statuses"),
                w.isTrue("stalled") ? "; " + w.get("stuck") + " calls stay followed with no event seen" : "");
    }

    Result climb(Driver driver, String handled) throws InterruptedException {
        List<PipelineStep> steps = new ArrayList<>();
        PipelineStep best = null;
        Map<String, Long> wireNames = Map.of();
        for (int i = 0; i < MAX_STEPS; i++) {
            double rate = rate(i);
            Map<String, Long> namesBefore = relay.eventNames();
            long calls = Math.max(100, Math.round(rate * stepSeconds));
            long events0 = relay.events();
            long responses0 = relay.responses();
            long bytes0 = relay.bytesDown();
            ChildResult r = driver.offer("step-" + Math.round(rate), calls, rate, (long) (stepSeconds * 4 + 60));
            Thread.sleep(300); // the last events reach the relay's counters
            double originated = Math.max(1, r.number("originates"));
            PipelineStep step = new PipelineStep(rate, r, wire.wireRate(r), wire.parentCpu(r),
                    (relay.events() - events0) / originated, (relay.responses() - responses0) / originated,
                    (relay.bytesDown() - bytes0) / originated);
            steps.add(step);
            Say.line("   " + step.line(handled));
            if (!step.clean().isEmpty()) {
                break;
            }
            best = step;
            wireNames = new TreeMap<>(relay.eventNames());
            wireNames.replaceAll((k, v) -> v - namesBefore.getOrDefault(k, 0L));
            wireNames.values().removeIf(v -> v == 0);
        }
        return new Result(steps, best, wireNames);
    }

    private double rate(int step) {
        if (step < rates.size()) {
            return rates.get(step);
        }
        double last = rates.get(rates.size() - 1);
        double increment = rates.size() > 1 ? last - rates.get(rates.size() - 2) : last;
        return last + increment * (step - rates.size() + 1);
    }
}
