package io.outcall.bench.throughput;

import io.outcall.bench.common.Machine;

import java.nio.file.Files;
import java.util.Locale;

/**
 * bench/bridge-throughput: how fast the AMI bridge goes, what limits it, and how it compares with
 * its floor on the same machine in the same run.
 *
 * <p>This JVM hosts everything that is not the bridge: the PBX simulator (AMI over TCP), a relay
 * that counts AMI messages on the wire, DynamoDB Local and ElasticMQ, and the "intake" that queues
 * calls. The bridge runs in a child JVM ({@code -Xmx256m}), so its heap and CPU figures are its own.
 * <ol>
 * <li><b>A, pipeline, counting sink, no DynamoDB</b> ({@link PipelineRun}), and its floor: asterisk-java
 * alone with a listener that only counts, reading the same simulated stream;</li>
 * <li><b>B, end to end</b> ({@link EndToEndRun}): ElasticMQ, DynamoDB Local, the real DynamoCallSink;</li>
 * <li><b>C, 5,000 calls live</b>: Context Hold keeps every call up, with the DynamoDB sink: heap.</li>
 * </ol>
 * Last line: {@code bridge originates_per_s=N ami_events_per_s=N e2e_originates_per_s=N p99_ms=N
 * peak_heap_mb=N ingest_ratio=X}.
 */
public final class BridgeThroughputBenchmark {

    private BridgeThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ThroughputOptions options = ThroughputOptions.parse(args);
        if (options == null) {
            System.out.println(ThroughputOptions.USAGE);
            return;
        }
        System.exit(run(options));
    }

    private static int run(ThroughputOptions o) throws Exception {
        Files.createDirectories(o.work());
        Say.line(String.format(Locale.ROOT, "bridge-throughput: pipeline steps at %s calls/s (%.0f s each), %d calls end to end, %d calls"
                        + " live; %d cores, load average %s, Java %s", o.rates(), o.stepSeconds(), o.e2eCalls(), o.live(),
                Machine.cores(), Machine.loadAverage(), System.getProperty("java.version")));
        Say.line(String.format(Locale.ROOT, "the bridge runs in its own JVM (-Xmx256m); pbx-sim, the counting relay, DynamoDB Local and"
                + " ElasticMQ in this one. pbx-sim sends every event class (no manager.conf eventfilter, the traces' worst case) and"
                + " drops a client that does not read for %d ms (writetimeout)", o.writeTimeoutMillis()));
        WireSampler wire = new WireSampler().start();
        Simulators simulators = new Simulators(o);

        PipelineRun.Figures a = new PipelineRun(o, wire, simulators).run();
        PipelineReport.print(a);
        EndToEndRun.Figures e2e = o.skipE2e() && o.skipLive() ? new EndToEndRun.Figures(null, null, 0, null)
                : new EndToEndRun(o, wire, simulators).run();

        PipelineStep shown = a.bridge().shown();
        PipelineStep firstStep = a.bridge().steps().get(0);
        double peakHeap = a.bridge().steps().stream().mapToDouble(s -> s.r().number("peak_heap_mb")).max().orElse(0);
        for (ChildResult r : new ChildResult[] {e2e.backlog(), e2e.paced(), e2e.live()}) {
            peakHeap = Math.max(peakHeap, r == null ? 0 : r.number("peak_heap_mb"));
        }
        double p99 = e2e.paced() != null ? e2e.paced().number("latency_p99_ms") : firstStep.r().number("latency_p99_ms");
        Say.line("");
        Say.line("load average at the end: " + Machine.loadAverage() + " (other work on this machine moves every figure above)");
        Say.line("peak_heap_mb: highest heap used sampled in any bridge JVM of this run (each -Xmx256m); p99_ms: enqueue-to-Originate at "
                + (e2e.paced() != null ? String.format(Locale.ROOT, "%.0f calls/s offered end to end", e2e.pacedRate())
                : String.format(Locale.ROOT, "%.0f calls/s offered to the pipeline (end-to-end run skipped)", firstStep.rate()))
                + "; ingest_ratio: the bridge's AMI events/s in A over asterisk-java alone's, each the most it sustained with nothing lost" + (a.floor() == null
                ? " (skipped: 0)" : ""));
        Say.line(String.format(Locale.ROOT, "bridge originates_per_s=%d ami_events_per_s=%d e2e_originates_per_s=%d p99_ms=%d"
                        + " peak_heap_mb=%d ingest_ratio=%.2f", Math.round(shown.r().number("originates_per_s")),
                Math.round(shown.wireRate()), Math.round(e2e.backlog() == null ? 0 : e2e.backlog().number("originates_per_s")),
                Math.round(p99), Math.round(peakHeap), a.ingestRatio()));
        return 0;
    }
}
