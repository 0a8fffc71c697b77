package io.outcall.bench.webhooks;

import io.outcall.bench.common.Exit;
import io.outcall.bench.common.Machine;
import io.outcall.localaws.LocalServices;

import java.util.List;
import java.util.Locale;

/**
 * bench/webhooks: the delay from a call's status change (its write to DynamoDB Local) to its signed
 * delivery at a receiver, through the real pipeline in one JVM (the calls table's stream read as
 * Lambda's mapping does, the publisher, ElasticMQ, the sender), for N calls and 3 endpoints of which
 * one always answers 503; then the same with the 2 healthy endpoints alone, to show what the failing
 * one costs the others. Prints p50, p99 and deliveries per second of each run.
 */
public final class WebhooksBenchmark {

    private WebhooksBenchmark() {
    }

    public static void main(String[] args) {
        Exit.after(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int calls = 1_000;
        int rate = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --calls N, --rate N");
            }
        }
        System.out.println("webhooks: " + calls + " calls of 5 statuses, "
                + (rate == 0 ? "all at once" : rate + " a second") + ", on " + Machine.cores() + " cores, load " + Machine.loadAverage());
        try (LocalServices aws = LocalServices.startInMemory()) {
            PipelineRun.Result warm = new PipelineRun(aws, Math.min(100, calls), rate, false).run();
            System.out.println("warm-up: " + warm.line());
            // The floor runs before and after, so that neither order nor drift favours one side; the two
            // floors differing shows how much of a difference is noise on this machine.
            PipelineRun.Result before = new PipelineRun(aws, calls, rate, false).run();
            System.out.println("2 healthy endpoints:      " + before.line());
            PipelineRun.Result withFailing = new PipelineRun(aws, calls, rate, true).run();
            System.out.println("3 endpoints, one failing: " + withFailing.line());
            PipelineRun.Result after = new PipelineRun(aws, calls, rate, false).run();
            System.out.println("2 healthy endpoints:      " + after.line());
            long floorP50 = (before.p50() + after.p50()) / 2;
            long floorP99 = (before.p99() + after.p99()) / 2;
            System.out.printf(Locale.ROOT, "webhooks calls=%d p50_ms=%d p99_ms=%d deliveries_per_s=%.0f"
                            + " healthy_only_p50_ms=%d healthy_only_p99_ms=%d failing_cost_ratio=%.2f floor_noise_ratio=%.2f"
                            + " failing_attempts=%d holds=%d%n", calls,
                    withFailing.p50(), withFailing.p99(), withFailing.perSecond(), floorP50, floorP99,
                    (double) withFailing.p99() / Math.max(1, floorP99),
                    (double) Math.max(before.p99(), after.p99()) / Math.max(1, Math.min(before.p99(), after.p99())),
                    withFailing.failingAttempts(), withFailing.holds());
            List.of(before, withFailing, after).forEach(r -> {
                if (r.missing() > 0) {
                    throw new IllegalStateException(r.missing() + " deliveries to healthy endpoints never arrived");
                }
            });
        }
    }
}
