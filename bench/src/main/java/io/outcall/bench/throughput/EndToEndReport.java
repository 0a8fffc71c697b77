package io.outcall.bench.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Run B's summary: the end-to-end rate, where the consumer's and the writers' time went, and what limits it. */
final class EndToEndReport {

    /** The bridge's claimer and bridge-io pools (Bridge). */
    private static final int CLAIMERS = 10;
    private static final int IO_THREADS = 8;

    private EndToEndReport() {
    }

    static void print(ChildResult b, ChildResult bPaced, double pacedRate, double parentCpu) {
        double rate = b.number("originates_per_s");
        double calls = Math.max(1, b.number("originates"));
        Say.line("");
        Say.line(String.format(Locale.ROOT, "B  END TO END on DynamoDB Local + ElasticMQ (%s calls, sustained window %s s)%s", b.get("calls"),
                b.get("window_s"), b.isTrue("complete") ? "" : "  INCOMPLETE"));
        Say.line(String.format(Locale.ROOT, "   e2e originates/s        %8.0f   (whole run: %s/s)", rate, b.get("overall_originates_per_s")));
        Say.line(String.format(Locale.ROOT, "   AMI events/s handled    %8.0f", b.number("ami_events_per_s")));
        Say.line(String.format(Locale.ROOT, "   call events persisted/s %8.0f   (%s per call, %s per BatchWriteItem, %s ms each)",
                b.number("handed_events_per_s"), b.get("handed_events_per_call"), b.get("events_per_batch"), b.get("event_batch_mean_ms")));
        Say.line(String.format(Locale.ROOT, "   status writes/s         %8.0f   (UpdateItem %s ms each)", b.number("progress_writes_per_s"),
                b.get("advance_mean_ms")));
        double run = Math.max(1e-9, b.number("run_s"));
        double receive = b.number("consumer_receive_s");
        double claim = b.number("consumer_claim_s");
        Say.line(String.format(Locale.ROOT, "   intake                  consumer thread %.0f%% in SQS receive (%s msgs per receive); claims"
                        + " (conditional UpdateItem, %s ms each) run up to %d at a time, %.1f in flight on average -> ceiling"
                        + " ~%.0f calls/s at this claim latency", 100 * receive / run, b.get("messages_per_receive"),
                b.get("claim_mean_ms"), CLAIMERS, claim / run, b.number("claim_mean_ms") > 0 ? CLAIMERS * 1000 / b.number("claim_mean_ms") : 0));
        double afterMs = b.number("mark_originated_mean_ms") + b.number("delete_mean_ms");
        Say.line(String.format(Locale.ROOT, "   after Originate         markOriginated %s ms + SQS delete %s ms per call on the bridge-io pool of %d"
                + " threads: its ceiling ~%.0f calls/s", b.get("mark_originated_mean_ms"), b.get("delete_mean_ms"), IO_THREADS,
                afterMs > 0 ? IO_THREADS * 1000 / afterMs : 0));
        Say.line(String.format(Locale.ROOT, "   persistence backlog     max %s (the bridge stops taking calls at 50,000)", b.get("max_backlog")));
        Say.line(String.format(Locale.ROOT, "   CPU                     bridge JVM %s cores (%s); DynamoDB Local + ElasticMQ + pbx-sim JVM %.1f cores;"
                + " machine has %d", b.get("cpu_cores_used"), b.get("threads"), parentCpu, Runtime.getRuntime().availableProcessors()));
        Say.line(String.format(Locale.ROOT, "   lost events             bridge_ami_events_dropped=%s asterisk_java_queue_full=%s; outcomes %s",
                b.get("ami_events_dropped"), b.get("asterisk_java_queue_full"), b.get("statuses")));
        Say.line("   I/O mean/max per call   " + b.get("io"));
        double dynamoPerCall = (b.number("advance_writes") + b.number("event_batches")) / calls + 2; // + claim + markOriginated
        Say.line(String.format(Locale.ROOT, "   DynamoDB requests/call  %.1f (claim, markOriginated, %.1f status writes, %.1f event batches) ->"
                        + " %.0f requests/s at this rate; %s", dynamoPerCall, b.number("advance_writes") / calls,
                b.number("event_batches") / calls, dynamoPerCall * rate, "compare the capacity probe above"));
        Say.line("   limited by:             " + limiter(b, parentCpu));
        if (bPaced != null) {
            Say.line(String.format(Locale.ROOT, "   enqueue->Originate      at %.0f calls/s offered (%s calls): p50 %s ms, p99 %s ms, max %s ms"
                            + " (from intake's createdAt, before its DynamoDB put and SQS send, to Asterisk's Originate response)",
                    pacedRate, bPaced.get("latency_n"), bPaced.get("latency_p50_ms"), bPaced.get("latency_p99_ms"),
                    bPaced.get("latency_max_ms")));
        }
    }

    /** Names what held the end-to-end run back, from where the time went. */
    private static String limiter(ChildResult b, double parentCpu) {
        double rate = b.number("originates_per_s");
        double run = Math.max(1e-9, b.number("run_s"));
        double cores = Runtime.getRuntime().availableProcessors();
        double cpu = b.number("cpu_cores_used") + parentCpu;
        List<String> reasons = new ArrayList<>();
        if (b.number("max_backlog") >= 45_000) {
            reasons.add("persistence: the DynamoCallSink backlog reached the high-water mark, so the bridge paused intake");
        }
        double claimsInFlight = b.number("consumer_claim_s") / run;
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
                    b.number("consumer_claim_s") / run, cpu, cores, b.get("max_backlog")));
        }
        return String.format(Locale.ROOT, "%.0f originates/s; ", rate) + String.join("; and ", reasons);
    }
}
