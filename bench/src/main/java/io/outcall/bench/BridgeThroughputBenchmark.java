package io.outcall.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.store.DynamoCallStore;
import io.outcall.localaws.LocalServices;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/bridge-throughput: how fast the AMI bridge goes, and what limits it.
 *
 * <p>This JVM hosts everything that is not the bridge: the PBX simulator (AMI over TCP), a relay
 * that counts AMI messages on the wire, DynamoDB Local and ElasticMQ, and the "intake" that queues
 * calls. The bridge runs in a child JVM ({@link BridgeThroughputChild}, {@code -Xmx256m}), so its
 * heap and CPU figures are its own. Three runs:
 * <ol>
 * <li><b>A, pipeline, counting sink, no DynamoDB</b>: in-memory queue and call store, a sink that
 * only counts. N calls queued at once, answered and hung up at once (Context FastHangup, numbers
 * ending 6, as in the traces' load tests). Measures the bridge's own pipeline: consume, Originate,
 * read, parse, correlate, state machine, hand to the writer. Then calls offered at 1,000/s for the
 * latency of that pipeline.</li>
 * <li><b>B, end to end</b>: ElasticMQ, DynamoDB Local, the real DynamoCallSink. A backlog of calls
 * for capacity, then calls offered at a steady rate below it for enqueue-to-Originate latency.</li>
 * <li><b>C, 5,000 calls live</b>: Context Hold keeps every call up, with the DynamoDB sink: heap.</li>
 * </ol>
 */
public final class BridgeThroughputBenchmark {

    private static final int LIVE_CALLS_DEFAULT = 5_000;

    private final Map<String, String> opts;
    private final Path work;
    private final List<WireSample> wire = new ArrayList<>();
    private volatile BridgeThroughputProxy sampledProxy;
    private final CallId ids = CallId.systemGenerator();
    private final OriginateMessageCodec codec = new OriginateMessageCodec(new ObjectMapper());
    private final AtomicLong numbers = new AtomicLong();

    private record WireSample(long epochMillis, long events, long cpuNanos) {
    }

    /** One pipeline step: calls offered at {@code rate}, and what came of it. */
    private record Step(double rate, Map<String, String> r, double wireRate, double parentCpu, double wireEventsPerCall,
                        double wireResponsesPerCall, double wireBytesPerCall) {

        /** Empty when the bridge kept up without losing anything; else what went wrong. */
        String clean() {
            List<String> problems = new ArrayList<>();
            if (!"true".equals(r.get("complete"))) {
                problems.add("only " + r.get("calls") + " calls finished" + ("true".equals(r.get("stalled"))
                        ? " (" + r.get("stuck") + " calls still followed, nothing moving for 10 s)" : " in time"));
            }
            if (d(r, "reconnects") > 0) {
                problems.add(r.get("reconnects") + " AMI reconnects (the PBX dropped a session that did not read fast enough)");
            }
            if (d(r, "ami_events_dropped") > 0 || d(r, "asterisk_java_queue_full") > 0) {
                problems.add("events dropped: bridge " + r.get("ami_events_dropped") + ", asterisk-java " + r.get("asterisk_java_queue_full"));
            }
            String statuses = r.getOrDefault("statuses", "");
            if (!statuses.matches("\\{COMPLETED=\\d+}")) {
                problems.add("outcomes " + statuses);
            }
            if (rate > 0 && d(r, "originates_per_s") < rate * 0.95) {
                problems.add(String.format(Locale.ROOT, "fell behind: %.0f originates/s", d(r, "originates_per_s")));
            }
            if (d(r, "latency_p99_ms") > 1000) {
                problems.add("p99 enqueue-to-Originate " + r.get("latency_p99_ms") + " ms");
            }
            return String.join("; ", problems);
        }

        String line() {
            String verdict = clean();
            return String.format(Locale.ROOT, "%s: %5.0f originates/s, %6.0f AMI events/s read (%.1f per call), %5.0f followed,"
                            + " p50/p99 %s/%s ms, CPU bridge %s + pbx-sim %.1f cores, heap peak %s MB -> %s",
                    rate > 0 ? String.format(Locale.ROOT, "offered %5.0f/s", rate) : "burst", d(r, "originates_per_s"), wireRate,
                    wireEventsPerCall, d(r, "ami_events_per_s"), r.get("latency_p50_ms"), r.get("latency_p99_ms"),
                    r.get("cpu_cores_used"), parentCpu, r.get("peak_heap_mb"), verdict.isEmpty() ? "clean" : "NOT CLEAN: " + verdict);
        }
    }

    private BridgeThroughputBenchmark(Map<String, String> opts) {
        this.opts = opts;
        this.work = Path.of(opts.getOrDefault("work", "target/bridge-throughput"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("usage: bench/bridge-throughput [--calls N] [--live N] [--rates R1,R2,...] [--step-seconds S]"
                        + " [--warmup-rate R] [--warmup-seconds S] [--e2e-warmup-calls N] [--e2e-paced-rate R] [--hold-seconds S]"
                        + " [--burst N] [--skip-e2e] [--skip-live] [--direct] [--write-timeout-ms MS]");
                return;
            }
            if (a.startsWith("--skip-") || a.equals("--direct")) {
                opts.put(a.substring(2), "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + a + "; try --help");
            }
        }
        System.exit(new BridgeThroughputBenchmark(opts).run());
    }

    private int run() throws Exception {
        Files.createDirectories(work);
        int e2eCalls = Integer.parseInt(opts.getOrDefault("calls", "3000"));
        int live = Integer.parseInt(opts.getOrDefault("live", Integer.toString(LIVE_CALLS_DEFAULT)));
        double stepSeconds = Double.parseDouble(opts.getOrDefault("step-seconds", "5"));
        List<Double> rates = java.util.Arrays.stream(opts.getOrDefault("rates", "1000,2000,3000,4000").split(","))
                .map(Double::parseDouble).toList();
        int burst = Integer.parseInt(opts.getOrDefault("burst", "0"));
        boolean skipE2e = opts.containsKey("skip-e2e");
        boolean skipLive = opts.containsKey("skip-live");
        say(String.format(Locale.ROOT, "bridge-throughput: pipeline steps at %s calls/s (%.0f s each), %d calls end to end, %d calls"
                        + " live; %d cores, load average %s, Java %s", rates, stepSeconds, e2eCalls, live,
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version")));
        say(String.format(Locale.ROOT, "the bridge runs in its own JVM (-Xmx256m); pbx-sim, the counting relay, DynamoDB Local and ElasticMQ"
                + " in this one. pbx-sim sends every event class (no manager.conf eventfilter, the traces' worst case) and drops a"
                + " client that does not read for %d ms (writetimeout)", writeTimeoutMillis()));
        Thread.ofPlatform().daemon().name("wire-sampler").start(this::sampleWire);

        // ------------------------------------------------------------------ A: pipeline
        List<Step> steps = new ArrayList<>();
        Step best = null;
        Map<String, Long> wireNames = Map.of();
        try (PbxSimulator pbx = simulator(1.0);
             BridgeThroughputProxy proxy = new BridgeThroughputProxy(pbx.port())) {
            sampledProxy = proxy;
            say("");
            say("== A. pipeline, COUNTING SINK, NO DYNAMODB: in-memory queue and call store, AMI over TCP to pbx-sim;"
                    + " calls offered at a steady rate, one step after the other, until a step is not clean");
            try (Child child = Child.start("pipeline", work, List.of("--ami-port", amiPort(pbx, proxy)))) {
                // A daemon runs warm: JIT compilation and heap sizing happen here, not in the measured steps.
                double warmRate = Double.parseDouble(opts.getOrDefault("warmup-rate", "400"));
                long warmCalls = Math.round(warmRate * Double.parseDouble(opts.getOrDefault("warmup-seconds", "10")));
                if (warmCalls > 0) {
                    child.send("load warmup " + warmCalls + " 6 FastHangup " + warmRate);
                    child.send("run warmup warmup " + warmCalls + " 120");
                    Map<String, String> w = child.result("warmup");
                    say(String.format(Locale.ROOT, "   warm-up, not counted: %s of %d calls finished at %.0f/s offered, %s reconnects,"
                                    + " outcomes %s%s", w.get("calls"), warmCalls, warmRate, w.get("reconnects"), w.get("statuses"),
                            "true".equals(w.get("stalled")) ? "; " + w.get("stuck") + " calls stay followed with no event seen" : ""));
                }
                for (double rate : rates) {
                    Map<String, Long> namesBefore = proxy.eventNames();
                    String name = "step-" + Math.round(rate);
                    long calls = Math.max(100, Math.round(rate * stepSeconds));
                    long events0 = proxy.events();
                    long responses0 = proxy.responses();
                    long bytes0 = proxy.bytesDown();
                    child.send("load " + name + " " + calls + " 6 FastHangup " + rate);
                    child.send("run " + name + " " + name + " " + calls + " " + (long) (stepSeconds * 4 + 60));
                    Map<String, String> r = child.result(name);
                    Thread.sleep(300); // the last events reach the relay's counters
                    double originated = Math.max(1, d(r, "originates"));
                    Step step = new Step(rate, r, wireRate(r), parentCpu(r), (proxy.events() - events0) / originated,
                            (proxy.responses() - responses0) / originated, (proxy.bytesDown() - bytes0) / originated);
                    steps.add(step);
                    say("   " + step.line());
                    if (!step.clean().isEmpty()) {
                        break;
                    }
                    best = step;
                    wireNames = new java.util.TreeMap<>(proxy.eventNames());
                    wireNames.replaceAll((k, v) -> v - namesBefore.getOrDefault(k, 0L));
                    wireNames.values().removeIf(v -> v == 0);
                }
                if (burst > 0) {
                    say(String.format(Locale.ROOT, "-- A+. burst: %d calls queued at once, no pacing anywhere (pbx-sim, unlike Asterisk,"
                            + " originates as fast as it is asked)", burst));
                    child.send("load burst " + burst + " 6 FastHangup 0");
                    child.send("run burst burst " + burst + " 300");
                    Map<String, String> r = child.result("burst");
                    say("   " + new Step(0, r, wireRate(r), parentCpu(r), 0, 0, 0).line());
                }
                child.send("stop");
                child.awaitExit();
            }
            sampledProxy = null;
        }
        Step shown = best != null ? best : steps.get(steps.size() - 1);
        Map<String, String> a = shown.r;
        double aOrig = d(a, "originates_per_s");
        double aWire = shown.wireRate;
        say("");
        say(String.format(Locale.ROOT, "A  pipeline, COUNTING SINK, NO DYNAMODB: %s at %.0f calls/s offered (%s calls, window %s s)",
                best != null ? "highest clean step" : "NO CLEAN STEP; first step", shown.rate, a.get("calls"), a.get("window_s")));
        say(String.format(Locale.ROOT, "   originates/s            %8.0f", aOrig));
        say(String.format(Locale.ROOT, "   AMI events/s read       %8.0f   everything Asterisk sends, read and parsed by asterisk-java and offered to"
                        + " the bridge's listener (%.1f events + %.1f responses, %.1f KB per call, counted on the wire)", aWire,
                shown.wireEventsPerCall, shown.wireResponsesPerCall, shown.wireBytesPerCall / 1024));
        say("   wire events per call:   " + BridgeThroughputProxy.describe(wireNames, Math.max(1, d(a, "originates"))));
        say(String.format(Locale.ROOT, "   AMI events/s followed   %8.0f   queued by the listener and run through correlation and the state machine"
                + " (%s per call; the rest is dropped by a class check on the listener)", d(a, "ami_events_per_s"), a.get("ami_events_per_call")));
        say(String.format(Locale.ROOT, "   call events/s to writer %8.0f   (%s per call: %s)", d(a, "handed_events_per_s"),
                a.get("handed_events_per_call"), a.get("handed_event_names")));
        say(String.format(Locale.ROOT, "   status writes/s         %8.0f", d(a, "progress_writes_per_s")));
        say(String.format(Locale.ROOT, "   enqueue->Originate      p50 %s ms, p99 %s ms, max %s ms", a.get("latency_p50_ms"),
                a.get("latency_p99_ms"), a.get("latency_max_ms")));
        say(String.format(Locale.ROOT, "   CPU                     bridge JVM %s cores (%% of one core: %s); pbx-sim + relay JVM %.1f cores",
                a.get("cpu_cores_used"), a.get("threads"), shown.parentCpu));
        say(String.format(Locale.ROOT, "   lost events             bridge_ami_events_dropped=%s asterisk_java_queue_full=%s reconnects=%s;"
                + " outcomes %s", a.get("ami_events_dropped"), a.get("asterisk_java_queue_full"), a.get("reconnects"), a.get("statuses")));
        say(String.format(Locale.ROOT, "   heap                    peak %s MB used, %s MB after GC, %s GCs, %s ms paused",
                a.get("peak_heap_mb"), a.get("peak_heap_after_gc_mb"), a.get("gc_count"), a.get("gc_pause_ms")));
        if (best != shown || steps.indexOf(best) < steps.size() - 1) {
            Step broke = steps.get(steps.size() - 1);
            say(String.format(Locale.ROOT, "   the next step, %.0f calls/s, was not clean: %s", broke.rate, broke.clean()));
        }
        boolean meetsGoal = best != null && aOrig >= 1000 * 0.98 && aWire >= 31_000;
        say("   goal >= 1,000 originates/s and >= 31,000 AMI events/s: " + (meetsGoal ? "MET" : "NOT MET"));
        Map<String, String> aPaced = steps.get(0).r;
        double pacedRate = steps.get(0).rate;

        // ------------------------------------------------------------------ B and C: DynamoDB Local and ElasticMQ
        Map<String, String> b = null;
        Map<String, String> bPaced = null;
        Map<String, String> c = null;
        double bRate = 0;
        double bPacedRate = 0;
        if (!skipE2e || !skipLive) {
            say("");
            say("starting DynamoDB Local and ElasticMQ in this JVM...");
            try (LocalServices local = LocalServices.startInMemory()) {
                DynamoCallStore store = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
                String queueUrl = local.queueUrl("OriginateQueue");
                ExecutorService intake = Executors.newFixedThreadPool(8);
                try {
                    Probe probe = probeDynamoDbLocal(store);
                    say("   " + probe);
                    // One simulator for B and C. FastHangup calls end at once whatever the time scale; Hold keeps a call
                    // up for 600 s of script time, scaled so that all of C's calls are up together even at the
                    // end-to-end rate (predicted from the probe), and then hang up on their own.
                    double holdSeconds = Double.parseDouble(opts.getOrDefault("hold-seconds",
                            Double.toString(Math.max(30, live / Math.max(20, probe.serialClaimsPerSecond * 0.5) + 15))));
                    try (PbxSimulator pbx = simulator(holdSeconds / 600.0);
                         BridgeThroughputProxy proxy = new BridgeThroughputProxy(pbx.port())) {
                        sampledProxy = proxy;
                        int warmCalls = skipE2e ? 0 : Integer.parseInt(opts.getOrDefault("e2e-warmup-calls", "500"));
                        say("");
                        say("== B. end to end: ElasticMQ -> claim in DynamoDB Local -> Originate -> AMI -> DynamoCallSink (8 lanes)");
                        if (!skipE2e) {
                            long t0 = System.nanoTime();
                            enqueue(intake, store, local, queueUrl, "e2e-warmup", warmCalls, '6', "FastHangup", 0);
                            enqueue(intake, store, local, queueUrl, "e2e", e2eCalls, '6', "FastHangup", 0);
                            say(String.format(Locale.ROOT, "   %d + %d calls recorded QUEUED in DynamoDB Local and queued in ElasticMQ"
                                            + " in %.1f s (the intake's part, before the bridge starts)", warmCalls, e2eCalls,
                                    (System.nanoTime() - t0) / 1e9));
                        }
                        List<String> childArgs = new ArrayList<>(List.of("--ami-port", amiPort(pbx, proxy),
                                "--dynamodb", local.dynamoDbServer().endpoint().toString(),
                                "--sqs", local.sqsServer().endpoint().toString(), "--queue-url", queueUrl));
                        try (Child child = Child.start("e2e", work, childArgs)) {
                            if (!skipE2e) {
                                if (warmCalls > 0) {
                                    child.send("run e2e-warmup e2e-warmup " + warmCalls + " 600");
                                    Map<String, String> w = child.result("e2e-warmup");
                                    say(String.format(Locale.ROOT, "   warm-up, not counted: %s calls, %s originates/s, outcomes %s",
                                            w.get("calls"), w.get("originates_per_s"), w.get("statuses")));
                                }
                                child.send("run e2e e2e " + e2eCalls + " 600");
                                b = child.result("e2e");
                                double parentCpuB = parentCpu(b);
                                bRate = d(b, "originates_per_s");
                                bPacedRate = opts.containsKey("e2e-paced-rate") ? Double.parseDouble(opts.get("e2e-paced-rate"))
                                        : Math.max(10, Math.floor(bRate * 0.7 / 10) * 10);
                                int pacedCalls = (int) Math.max(100, Math.round(bPacedRate * 10));
                                say(String.format(Locale.ROOT, "-- B2. calls offered at %.0f/s for 10 s (70%% of the capacity above), one"
                                        + " message per call as intake sends them: enqueue-to-Originate latency", bPacedRate));
                                child.send("run e2e-paced e2e-paced " + pacedCalls + " 300");
                                enqueue(intake, store, local, queueUrl, "e2e-paced", pacedCalls, '6', "FastHangup", bPacedRate);
                                bPaced = child.result("e2e-paced");
                                printE2e(b, bPaced, bPacedRate, parentCpuB, probe);
                            }
                            if (!skipLive) {
                                say("");
                                say(String.format(Locale.ROOT, "== C. %d calls live at once: Context Hold (each call held %.0f s), the same"
                                        + " bridge JVM (-Xmx256m), DynamoDB sink", live, holdSeconds));
                                child.send("run live hold " + live + " " + (long) (holdSeconds * 3 + 120) + " " + live);
                                enqueue(intake, store, local, queueUrl, "hold", live, '6', "Hold", 0);
                                c = child.result("live");
                                say("");
                                say(String.format(Locale.ROOT, "C  %d CALLS LIVE (DynamoDB sink, -Xmx256m): %s", live,
                                        c.get("complete").equals("true") ? "all completed" : "NOT all completed (" + c.get("calls") + ")"));
                                say(String.format(Locale.ROOT, "   max live at once %s;%s", c.get("max_live"), c.containsKey("live_calls")
                                        ? String.format(Locale.ROOT, " heap used then %s MB, after a full GC %s MB (%s MB after a full GC"
                                                + " before the run: %.1f KB per live call)", c.get("heap_used_at_live_mb"),
                                        c.get("heap_after_full_gc_mb"), c.get("baseline_after_full_gc_mb"),
                                        (d(c, "heap_after_full_gc_mb") - d(c, "baseline_after_full_gc_mb")) * 1024 / Math.max(1, d(c, "live_calls")))
                                        : " the live target was not reached (raise --hold-seconds)"));
                                say(String.format(Locale.ROOT, "   peak heap used %s MB (sampled every 10 ms), peak after GC %s MB, %s GCs,"
                                                + " %s ms paused, max persistence backlog %s", c.get("peak_heap_mb"),
                                        c.get("peak_heap_after_gc_mb"), c.get("gc_count"), c.get("gc_pause_ms"), c.get("max_backlog")));
                                say(String.format(Locale.ROOT, "   lost events: bridge_ami_events_dropped=%s asterisk_java_queue_full=%s"
                                                + " reconnects=%s; outcomes %s", c.get("ami_events_dropped"), c.get("asterisk_java_queue_full"),
                                        c.get("reconnects"), c.get("statuses")));
                                say("   I/O mean/max per call: " + c.get("io"));
                            }
                            child.send("stop");
                            child.awaitExit();
                        }
                        sampledProxy = null;
                    }
                } finally {
                    intake.shutdownNow();
                }
            }
        }

        double peakHeap = steps.stream().mapToDouble(s -> d(s.r, "peak_heap_mb")).max().orElse(0);
        for (Map<String, String> m : java.util.Arrays.asList(b, bPaced, c)) {
            peakHeap = Math.max(peakHeap, m == null ? 0 : d(m, "peak_heap_mb"));
        }
        double p99 = bPaced != null ? d(bPaced, "latency_p99_ms") : d(aPaced, "latency_p99_ms");
        say("");
        say("load average at the end: " + loadAverage() + " (other work on this machine moves every figure above)");
        say("peak_heap_mb: highest heap used sampled in any bridge JVM of this run (each -Xmx256m); p99_ms: enqueue-to-Originate at "
                + (bPaced != null ? String.format(Locale.ROOT, "%.0f calls/s offered end to end", bPacedRate)
                : String.format(Locale.ROOT, "%.0f calls/s offered to the pipeline (end-to-end run skipped)", pacedRate)));
        say(String.format(Locale.ROOT, "bridge originates_per_s=%d ami_events_per_s=%d e2e_originates_per_s=%d p99_ms=%d peak_heap_mb=%d",
                Math.round(aOrig), Math.round(aWire), Math.round(bRate), Math.round(p99), Math.round(peakHeap)));
        return 0;
    }

    private void printE2e(Map<String, String> b, Map<String, String> bPaced, double pacedRate, double parentCpu, Probe probe) {
        double rate = d(b, "originates_per_s");
        double calls = Math.max(1, d(b, "originates"));
        say("");
        say(String.format(Locale.ROOT, "B  END TO END on DynamoDB Local + ElasticMQ (%s calls, sustained window %s s)%s", b.get("calls"),
                b.get("window_s"), b.get("complete").equals("true") ? "" : "  INCOMPLETE"));
        say(String.format(Locale.ROOT, "   e2e originates/s        %8.0f   (whole run: %s/s)", rate, b.get("overall_originates_per_s")));
        say(String.format(Locale.ROOT, "   AMI events/s handled    %8.0f", d(b, "ami_events_per_s")));
        say(String.format(Locale.ROOT, "   call events persisted/s %8.0f   (%s per call, %s per BatchWriteItem, %s ms each)",
                d(b, "handed_events_per_s"), b.get("handed_events_per_call"), b.get("events_per_batch"), b.get("event_batch_mean_ms")));
        say(String.format(Locale.ROOT, "   status writes/s         %8.0f   (UpdateItem %s ms each)", d(b, "progress_writes_per_s"),
                b.get("advance_mean_ms")));
        double run = Math.max(1e-9, d(b, "run_s"));
        double receive = d(b, "consumer_receive_s");
        double claim = d(b, "consumer_claim_s");
        say(String.format(Locale.ROOT, "   intake                  consumer thread %.0f%% in SQS receive (%s msgs per receive); claims"
                        + " (conditional UpdateItem, %s ms each) run up to %d at a time, %.1f in flight on average -> ceiling"
                        + " ~%.0f calls/s at this claim latency", 100 * receive / run, b.get("messages_per_receive"),
                b.get("claim_mean_ms"), CLAIMERS, claim / run, d(b, "claim_mean_ms") > 0 ? CLAIMERS * 1000 / d(b, "claim_mean_ms") : 0));
        double afterMs = d(b, "mark_originated_mean_ms") + d(b, "delete_mean_ms");
        say(String.format(Locale.ROOT, "   after Originate         markOriginated %s ms + SQS delete %s ms per call on the bridge-io pool of %d"
                + " threads: its ceiling ~%.0f calls/s", b.get("mark_originated_mean_ms"), b.get("delete_mean_ms"), IO_THREADS,
                afterMs > 0 ? IO_THREADS * 1000 / afterMs : 0));
        say(String.format(Locale.ROOT, "   persistence backlog     max %s (the bridge stops taking calls at 50,000)", b.get("max_backlog")));
        say(String.format(Locale.ROOT, "   CPU                     bridge JVM %s cores (%s); DynamoDB Local + ElasticMQ + pbx-sim JVM %.1f cores;"
                + " machine has %d", b.get("cpu_cores_used"), b.get("threads"), parentCpu, Runtime.getRuntime().availableProcessors()));
        say(String.format(Locale.ROOT, "   lost events             bridge_ami_events_dropped=%s asterisk_java_queue_full=%s; outcomes %s",
                b.get("ami_events_dropped"), b.get("asterisk_java_queue_full"), b.get("statuses")));
        say("   I/O mean/max per call   " + b.get("io"));
        double dynamoPerCall = (d(b, "advance_writes") + d(b, "event_batches")) / calls + 2; // + claim + markOriginated
        say(String.format(Locale.ROOT, "   DynamoDB requests/call  %.1f (claim, markOriginated, %.1f status writes, %.1f event batches) ->"
                        + " %.0f requests/s at this rate; %s", dynamoPerCall, d(b, "advance_writes") / calls,
                d(b, "event_batches") / calls, dynamoPerCall * rate, "compare the capacity probe above"));
        say("   limited by:             " + limiter(b, parentCpu));
        if (bPaced != null) {
            say(String.format(Locale.ROOT, "   enqueue->Originate      at %.0f calls/s offered (%s calls): p50 %s ms, p99 %s ms, max %s ms"
                            + " (from intake's createdAt, before its DynamoDB put and SQS send, to Asterisk's Originate response)",
                    pacedRate, bPaced.get("latency_n"), bPaced.get("latency_p50_ms"), bPaced.get("latency_p99_ms"),
                    bPaced.get("latency_max_ms")));
        }
    }

    /** The bridge's claimer and bridge-io pools (Bridge). */
    private static final int CLAIMERS = 10;
    private static final int IO_THREADS = 8;

    /** Names what held the end-to-end run back, from where the time went. */
    private static String limiter(Map<String, String> b, double parentCpu) {
        double rate = d(b, "originates_per_s");
        double run = Math.max(1e-9, d(b, "run_s"));
        double cores = Runtime.getRuntime().availableProcessors();
        double cpu = d(b, "cpu_cores_used") + parentCpu;
        List<String> reasons = new ArrayList<>();
        if (d(b, "max_backlog") >= 45_000) {
            reasons.add("persistence: the DynamoCallSink backlog reached the high-water mark, so the bridge paused intake");
        }
        double claimsInFlight = d(b, "consumer_claim_s") / run;
        if (claimsInFlight >= CLAIMERS * 0.7) {
            reasons.add(String.format(Locale.ROOT, "the intake path: %.1f of %d claims in flight on average at %s ms each"
                            + " (DynamoDB Local's latency under this load); the AMI side handled %s events/s without falling behind",
                    claimsInFlight, CLAIMERS, b.get("claim_mean_ms"), b.get("ami_events_per_s")));
        }
        if (cpu >= cores * 0.85) {
            reasons.add(String.format(Locale.ROOT, "CPU: the machine is saturated (%.1f of %.0f cores busy; DynamoDB Local, ElasticMQ and"
                    + " pbx-sim take %.1f), so DynamoDB Local's latency grows with load", cpu, cores, parentCpu));
        }
        if (reasons.isEmpty()) {
            reasons.add(String.format(Locale.ROOT, "no single part saturated (%.1f claims in flight, CPU %.1f/%.0f, backlog max %s)",
                    d(b, "consumer_claim_s") / run, cpu, cores, b.get("max_backlog")));
        }
        return String.format(Locale.ROOT, "%.0f originates/s; ", rate) + String.join("; and ", reasons);
    }

    /**
     * The PBX: Asterisk's default manager writetimeout (100 ms) unless --write-timeout-ms says otherwise;
     * a client that stops reading for longer is dropped, as a real Asterisk does.
     */
    private PbxSimulator simulator(double timeScale) throws IOException {
        return PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(timeScale)
                .writeTimeout(java.time.Duration.ofMillis(writeTimeoutMillis()))
                .build());
    }

    /** 1000 ms as ami-bridge/deploy/asterisk/manager.conf sets it; Asterisk's own default is 100 ms. */
    private long writeTimeoutMillis() {
        return Long.parseLong(opts.getOrDefault("write-timeout-ms", "1000"));
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    /** The bridge talks to the PBX through the counting relay, or directly with --direct (then no wire counts). */
    private String amiPort(PbxSimulator pbx, BridgeThroughputProxy proxy) {
        return Integer.toString(opts.containsKey("direct") ? pbx.port() : proxy.port());
    }

    /**
     * What DynamoDB Local itself does on this machine, before the bridge starts: conditional claims
     * (the consumer's UpdateItem) one at a time, as the consumer issues them, and from 8 threads.
     */
    private record Probe(double putsPerSecond, double serialClaimsPerSecond, double parallelClaimsPerSecond) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "DynamoDB Local capacity probe (this JVM, nothing else running): PutItem %.0f/s from 8"
                            + " threads; conditional claim %.0f/s one at a time (%.1f ms each, as the consumer does it), %.0f/s from 8 threads",
                    putsPerSecond, serialClaimsPerSecond, 1000 / serialClaimsPerSecond, parallelClaimsPerSecond);
        }
    }

    private Probe probeDynamoDbLocal(DynamoCallStore store) throws Exception {
        int serial = 500;
        int parallel = 2000;
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < serial + parallel; i++) {
            calls.add(BridgeThroughputParts.queued(ids, "probe", BridgeThroughputParts.number(numbers.incrementAndGet(), '6'),
                    "FastHangup", Instant.now()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> creates = new ArrayList<>();
            for (Call call : calls) {
                creates.add(pool.submit(() -> store.create(call)));
            }
            for (Future<?> f : creates) {
                f.get();
            }
            double putsPerSecond = calls.size() / ((System.nanoTime() - t0) / 1e9);
            Instant now = Instant.now();
            t0 = System.nanoTime();
            for (Call call : calls.subList(0, serial)) {
                store.claim(call.callId(), "probe", "probe", "orig-" + call.callId(), now);
            }
            double serialPerSecond = serial / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            List<Future<?>> claims = new ArrayList<>();
            for (Call call : calls.subList(serial, calls.size())) {
                claims.add(pool.submit(() -> store.claim(call.callId(), "probe", "probe", "orig-" + call.callId(), now)));
            }
            for (Future<?> f : claims) {
                f.get();
            }
            double parallelPerSecond = parallel / ((System.nanoTime() - t0) / 1e9);
            return new Probe(putsPerSecond, serialPerSecond, parallelPerSecond);
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------ intake stand-in

    /**
     * Does what intake does for each call: records it QUEUED in DynamoDB, then queues its message
     * (in batches of 10). {@code perSecond} 0 queues all at once (8 threads), else at that steady rate.
     */
    private void enqueue(ExecutorService pool, DynamoCallStore store, LocalServices local, String queueUrl, String tenant,
                         int count, char lastDigit, String context, double perSecond) throws Exception {
        List<Future<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        int sent = 0;
        long lastPrint = start;
        while (sent < count) {
            int due = perSecond <= 0 ? count : (int) Math.min(count, Math.floor((System.nanoTime() - start) / 1e9 * perSecond) + 1);
            while (sent < due) {
                // A backlog goes in batches of 10; steady traffic one call per message, as intake sends it.
                int n = perSecond > 0 ? 1 : Math.min(10, due - sent);
                sent += n;
                pending.add(pool.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        Call call = BridgeThroughputParts.queued(ids, tenant,
                                BridgeThroughputParts.number(numbers.incrementAndGet(), lastDigit), context, Instant.now());
                        store.create(call);
                        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                .messageBody(codec.encode(OriginateMessage.of(call))).build());
                    }
                    if (n == 1) {
                        local.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(entries.get(0).messageBody()));
                    } else {
                        var response = local.sqs().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                        if (!response.failed().isEmpty()) {
                            throw new IllegalStateException("SQS refused " + response.failed());
                        }
                    }
                    return null;
                }));
            }
            if (perSecond > 0) {
                Thread.sleep(5);
                if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                    lastPrint = System.nanoTime();
                    say(String.format(Locale.ROOT, "   intake: %d/%d queued", sent, count));
                }
            }
        }
        for (Future<?> f : pending) {
            f.get();
        }
    }

    // ------------------------------------------------------------------ wire and CPU sampling

    private void sampleWire() {
        while (true) {
            BridgeThroughputProxy proxy = sampledProxy;
            synchronized (wire) {
                wire.add(new WireSample(System.currentTimeMillis(), proxy == null ? -1 : proxy.events(), processCpuNanos()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private WireSample at(long epochMillis) {
        synchronized (wire) {
            WireSample best = null;
            for (WireSample s : wire) {
                if (best == null || Math.abs(s.epochMillis - epochMillis) < Math.abs(best.epochMillis - epochMillis)) {
                    best = s;
                }
            }
            return best;
        }
    }

    /** Events per second on the wire over a child's sustained window. */
    private double wireRate(Map<String, String> result) {
        WireSample from = at(Long.parseLong(result.get("window_start_epoch_ms")));
        WireSample to = at(Long.parseLong(result.get("window_end_epoch_ms")));
        if (from == null || to == null || to.epochMillis <= from.epochMillis || from.events < 0) {
            return 0;
        }
        return (to.events - from.events) * 1000.0 / (to.epochMillis - from.epochMillis);
    }

    /** Cores this JVM (DynamoDB Local, ElasticMQ, pbx-sim, relay) used over a child's sustained window. */
    private double parentCpu(Map<String, String> result) {
        WireSample from = at(Long.parseLong(result.get("window_start_epoch_ms")));
        WireSample to = at(Long.parseLong(result.get("window_end_epoch_ms")));
        if (from == null || to == null || to.epochMillis <= from.epochMillis) {
            return 0;
        }
        return (to.cpuNanos - from.cpuNanos) / 1e6 / (to.epochMillis - from.epochMillis);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double d(Map<String, String> m, String key) {
        String v = m == null ? null : m.get(key);
        return v == null ? 0 : Double.parseDouble(v);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    // ------------------------------------------------------------------ the child JVM

    /** A {@link BridgeThroughputChild} process: commands on its stdin, results from its stdout, logs to a file. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final PrintWriter commands;
        private final LinkedBlockingQueue<String> results = new LinkedBlockingQueue<>();
        private final Path log;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread.ofPlatform().daemon().name("child-out").start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("@")) {
                            results.add(line);
                        } else {
                            say(line);
                        }
                    }
                } catch (IOException ignored) {
                    // the child ended
                }
                results.add("@exit");
            });
        }

        static Child start(String mode, Path work, List<String> args) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseG1GC",
                    "-Dslf4j.provider=io.outcall.bridge.logging.BridgeLogging"));
            String extra = System.getenv("BRIDGE_BENCH_CHILD_OPTS");
            if (extra != null && !extra.isBlank()) {
                for (String o : extra.trim().split("\\s+")) {
                    command.add(o.replace("{mode}", mode));
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BridgeThroughputChild.class.getName(),
                    "--mode", mode.equals("live") ? "e2e" : mode, "--bridge-id", "bench-" + mode));
            command.addAll(args);
            Path log = work.resolve(mode + "-bridge.log").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
            pb.environment().put("LOG_LEVEL", System.getenv().getOrDefault("BRIDGE_LOG_LEVEL", "INFO"));
            Child child = new Child(pb.start(), log);
            String ready = child.results.poll(60, TimeUnit.SECONDS);
            if (ready == null || !ready.startsWith("@ready")) {
                child.close();
                throw new IllegalStateException("the bridge JVM did not start (" + ready + "); see " + log);
            }
            say("   bridge JVM pid " + child.process.pid() + ": " + ready.substring(1) + "; its log: " + log);
            return child;
        }

        void send(String command) {
            commands.println(command);
        }

        Map<String, String> result(String label) throws InterruptedException {
            while (true) {
                String line = results.poll(15, TimeUnit.MINUTES);
                if (line == null || line.equals("@exit")) {
                    throw new IllegalStateException("the bridge JVM ended before reporting " + label + "; see " + log);
                }
                if (line.startsWith("@result " + label + " ")) {
                    Map<String, String> out = new LinkedHashMap<>();
                    for (String kv : line.substring(("@result " + label + " ").length()).split(" ")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            out.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                    }
                    return out;
                }
                say("   " + line);
            }
        }

        void awaitExit() throws InterruptedException {
            while (true) {
                String line = results.poll(60, TimeUnit.SECONDS);
                if (line == null || line.equals("@exit")) {
                    break;
                }
                if (line.startsWith("@stopped")) {
                    say("   bridge JVM stopped: " + line.substring("@stopped ".length()));
                }
            }
            process.waitFor(30, TimeUnit.SECONDS);
            try {
                long queueFull = Files.readAllLines(log).stream().filter(l -> l.contains("queue is full")).count();
                if (queueFull > 0) {
                    say("   WARNING: " + queueFull + " 'queue is full' lines from asterisk-java in " + log);
                }
            } catch (IOException ignored) {
                // no log, nothing to count
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
