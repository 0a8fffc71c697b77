package io.outcall.bench.throughput;

import io.outcall.bench.throughput.child.BridgeThroughputChild;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.localaws.LocalServices;
import io.outcall.pbxsim.PbxSimulator;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs B and C on DynamoDB Local and ElasticMQ (started in this JVM) with one bridge JVM and its
 * real DynamoCallSink: B a backlog for capacity, then calls at 70 % of it for latency; C calls held
 * up all at once, for the heap.
 */
final class EndToEndRun {

    /** B's backlog and paced results (null when skipped), the paced rate, and C's result (null when skipped). */
    record Figures(ChildResult backlog, ChildResult paced, double pacedRate, ChildResult live) {
    }

    private final ThroughputOptions options;
    private final WireSampler wire;
    private final Simulators simulators;
    private final CallId ids = CallId.systemGenerator();
    private final AtomicLong numbers = new AtomicLong();

    EndToEndRun(ThroughputOptions options, WireSampler wire, Simulators simulators) {
        this.options = options;
        this.wire = wire;
        this.simulators = simulators;
    }

    Figures run() throws Exception {
        Say.line("");
        Say.line("starting DynamoDB Local and ElasticMQ in this JVM...");
        try (LocalServices local = LocalServices.startInMemory()) {
            DynamoCallStore store = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
            String queueUrl = local.queueUrl("OriginateQueue");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                IntakeStandIn intake = new IntakeStandIn(pool, store, local, queueUrl, ids, numbers);
                DynamoProbe probe = DynamoProbe.run(store, ids, numbers);
                Say.line("   " + probe);
                // One simulator for B and C. FastHangup calls end at once whatever the time scale; Hold keeps a call
                // up for 600 s of script time, scaled so that all of C's calls are up together even at the
                // end-to-end rate (predicted from the probe), and then hang up on their own.
                double holdSeconds = options.holdSeconds() != null ? options.holdSeconds()
                        : Math.max(30, options.live() / Math.max(20, probe.serialClaimsPerSecond() * 0.5) + 15);
                try (PbxSimulator pbx = simulators.start(holdSeconds / 600.0);
                     AmiRelay relay = new AmiRelay(pbx.port())) {
                    wire.follow(relay);
                    Say.line("");
                    Say.line("== B. end to end: ElasticMQ -> claim in DynamoDB Local -> Originate -> AMI -> DynamoCallSink (8 lanes)");
                    int warmCalls = options.skipE2e() ? 0 : options.e2eWarmupCalls();
                    if (!options.skipE2e()) {
                        long t0 = System.nanoTime();
                        intake.enqueue("e2e-warmup", warmCalls, "FastHangup", 0);
                        intake.enqueue("e2e", options.e2eCalls(), "FastHangup", 0);
                        Say.line(String.format(Locale.ROOT, "   %d + %d calls recorded QUEUED in DynamoDB Local and queued in ElasticMQ"
                                        + " in %.1f s (the intake's part, before the bridge starts)", warmCalls, options.e2eCalls(),
                                (System.nanoTime() - t0) / 1e9));
                    }
                    List<String> childArgs = List.of("--ami-port", simulators.amiPort(pbx, relay),
                            "--dynamodb", local.dynamoDbServer().endpoint().toString(),
                            "--sqs", local.sqsServer().endpoint().toString(), "--queue-url", queueUrl,
                            "--mode", "e2e", "--bridge-id", "bench-e2e");
                    try (ChildProcess child = ChildProcess.start("e2e", BridgeThroughputChild.class, options.work(), childArgs)) {
                        Figures b = options.skipE2e() ? new Figures(null, null, 0, null) : backlogAndPaced(child, intake, warmCalls);
                        ChildResult c = options.skipLive() ? null : live(child, intake, holdSeconds);
                        child.stop();
                        return new Figures(b.backlog(), b.paced(), b.pacedRate(), c);
                    } finally {
                        wire.follow(null);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Figures backlogAndPaced(ChildProcess child, IntakeStandIn intake, int warmCalls) throws Exception {
        if (warmCalls > 0) {
            child.send("run e2e-warmup e2e-warmup " + warmCalls + " 600");
            ChildResult w = child.result("e2e-warmup");
            Say.line(String.format(Locale.ROOT, "   warm-up, not counted: %s calls, %s originates/s, outcomes %s",
                    w.get("calls"), w.get("originates_per_s"), w.get("statuses")));
        }
        child.send("run e2e e2e " + options.e2eCalls() + " 600");
        ChildResult b = child.result("e2e");
        double parentCpu = wire.parentCpu(b);
        double pacedRate = options.e2ePacedRate() != null ? options.e2ePacedRate()
                : Math.max(10, Math.floor(b.number("originates_per_s") * 0.7 / 10) * 10);
        int pacedCalls = (int) Math.max(100, Math.round(pacedRate * 10));
        Say.line(String.format(Locale.ROOT, "-- B2. calls offered at %.0f/s for 10 s (70%% of the capacity above), one"
                + " message per call as intake sends them: enqueue-to-Originate latency", pacedRate));
        child.send("run e2e-paced e2e-paced " + pacedCalls + " 300");
        intake.enqueue("e2e-paced", pacedCalls, "FastHangup", pacedRate);
        ChildResult paced = child.result("e2e-paced");
        EndToEndReport.print(b, paced, pacedRate, parentCpu);
        return new Figures(b, paced, pacedRate, null);
    }

    private ChildResult live(ChildProcess child, IntakeStandIn intake, double holdSeconds) throws Exception {
        int live = options.live();
        Say.line("");
        Say.line(String.format(Locale.ROOT, "== C. %d calls live at once: Context Hold (each call held %.0f s), the same"
                + " bridge JVM (-Xmx256m), DynamoDB sink", live, holdSeconds));
        child.send("run live hold " + live + " " + (long) (holdSeconds * 3 + 120) + " " + live);
        intake.enqueue("hold", live, "Hold", 0);
        ChildResult c = child.result("live");
        LiveReport.print(c, live);
        return c;
    }
}
