package io.outcall.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.outcall.bench.BridgeThroughputParts.CountingSink;
import io.outcall.bench.BridgeThroughputParts.Done;
import io.outcall.bench.BridgeThroughputParts.InMemoryCallStore;
import io.outcall.bench.BridgeThroughputParts.InMemoryQueue;
import io.outcall.bench.BridgeThroughputParts.InstrumentedCallStore;
import io.outcall.bench.BridgeThroughputParts.Latencies;
import io.outcall.bench.BridgeThroughputParts.TimedSqs;
import io.outcall.bench.BridgeThroughputParts.Timer;
import io.outcall.bridge.Bridge;
import io.outcall.bridge.BridgeConfig;
import io.outcall.bridge.calls.CallSink;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.logging.BridgeLogging;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.aws.AwsClients;
import io.outcall.core.store.CallEvent;
import io.outcall.core.store.CallEventStore;
import io.outcall.core.store.DynamoCallEventStore;
import io.outcall.core.store.DynamoCallStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The JVM under test in the bridge-throughput benchmark: one real {@link Bridge} and nothing else
 * of weight (the PBX simulator, DynamoDB Local and ElasticMQ run in the parent JVM), so its heap
 * and CPU are the bridge's. The parent starts it with {@code -Xmx256m} and drives it over stdin:
 *
 * <pre>
 *   load TENANT COUNT LASTDIGIT CONTEXT PER_SECOND   (pipeline mode: the in-memory queue gets calls)
 *   run LABEL TENANT COUNT TIMEOUT_S [LIVE_TARGET]   (start the bridge if needed, wait for COUNT final calls)
 *   stop
 * </pre>
 *
 * It answers on stdout: progress lines, and one {@code @result LABEL key=value...} line per run.
 *
 * <p>Modes: {@code pipeline} (in-memory queue and call store, counting sink: the bridge's own
 * pipeline and nothing after it) and {@code e2e} (ElasticMQ, DynamoDB Local, the real
 * DynamoCallSink: the bridge as deployed).
 */
public final class BridgeThroughputChild {

    private static final long SAMPLE_MILLIS = 100;

    private final String mode;
    private final BridgeMetrics metrics = new BridgeMetrics();
    private final Done done = new Done();
    private final Latencies latencies = new Latencies();
    private final InstrumentedCallStore store;
    private final TimedSqs sqs;
    private final InMemoryQueue memoryQueue;
    private final CountingSink countingSink;
    private final DynamoCallSink dynamoSink;
    private final TimedEvents timedEvents;
    private final CallSink sink;
    private final Bridge bridge;
    private final HeapWatch heap = new HeapWatch();
    private final BridgeThroughputParts.ThreadCpu threadCpu = new BridgeThroughputParts.ThreadCpu().start();
    private boolean started;

    private BridgeThroughputChild(Map<String, String> opts) {
        this.mode = opts.getOrDefault("mode", "pipeline");
        int amiPort = Integer.parseInt(opts.get("ami-port"));
        String queueUrl;
        URI dynamoEndpoint = null;
        URI sqsEndpoint = null;
        if (mode.equals("pipeline")) {
            InMemoryCallStore memoryStore = new InMemoryCallStore();
            this.store = new InstrumentedCallStore(memoryStore, latencies, null);
            this.memoryQueue = new InMemoryQueue(memoryStore);
            this.sqs = new TimedSqs(memoryQueue);
            this.countingSink = new CountingSink(done);
            this.dynamoSink = null;
            this.timedEvents = null;
            this.sink = countingSink;
            queueUrl = "memory://originate-queue";
        } else {
            dynamoEndpoint = URI.create(opts.get("dynamodb"));
            sqsEndpoint = URI.create(opts.get("sqs"));
            queueUrl = opts.get("queue-url");
            // The clients BridgeMain builds: url-connection HTTP client, explicit region and credentials.
            AwsClients aws = AwsClients.builder().region(Region.US_EAST_1).dynamoDbEndpoint(dynamoEndpoint)
                    .sqsEndpoint(sqsEndpoint)
                    .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
            DynamoDbClient dynamoDb = aws.dynamoDb();
            this.store = new InstrumentedCallStore(new DynamoCallStore(dynamoDb, "CallsTable", "CallStatsTable"), latencies, done);
            this.memoryQueue = null;
            this.sqs = new TimedSqs(aws.sqs());
            this.countingSink = null;
            this.timedEvents = new TimedEvents(new DynamoCallEventStore(dynamoDb, "CallEventsTable"));
            this.dynamoSink = new DynamoCallSink(store, timedEvents, metrics, Integer.parseInt(opts.getOrDefault("lanes", "8")));
            this.sink = dynamoSink;
        }
        // Pacing limits far above anything reachable here: the run must show what the bridge can do.
        BridgeConfig config = new BridgeConfig("127.0.0.1", amiPort, "admin", "admin_password", queueUrl,
                "CallsTable", "CallEventsTable", "CallStatsTable", Region.US_EAST_1, dynamoEndpoint, sqsEndpoint,
                "Local/{number}@outbound", 1_000_000, 1_000_000, 1_000_000, 1_000_000, 0,
                opts.getOrDefault("bridge-id", "bench-" + mode), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
        this.bridge = new Bridge(config, store, sink, Long.parseLong(opts.getOrDefault("high-water", "50000")), sqs,
                metrics, Clock.systemUTC());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        BridgeThroughputChild child = new BridgeThroughputChild(opts);
        child.heap.start();
        say("@ready mode=" + child.mode + " gc=" + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(",")).replace(' ', '_')
                + " max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "load" -> child.memoryQueue.load(w[1], Long.parseLong(w[2]), w[3].charAt(0), w[4],
                        Double.parseDouble(w[5]));
                case "run" -> child.run(w[1], w[2], Long.parseLong(w[3]), Long.parseLong(w[4]),
                        w.length > 5 ? Integer.parseInt(w[5]) : 0);
                case "stop" -> {
                    child.stop();
                    // The consumer may sit in a receive for a while; nothing is left to wait for.
                    System.exit(0);
                }
                default -> say("@error unknown command " + line);
            }
        }
        child.stop();
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    // ------------------------------------------------------------------ one measured run

    private record Sample(long nanos, long epochMillis, long originates, long amiEvents, long handedEvents,
                          long progress, long done, long following, long backlog, long heapUsed, long cpuNanos) {
    }

    private Sample sample(String tenant) {
        long handed = countingSink != null ? countingSink.events.sum() : metrics.callEventsPersisted.sum();
        long progress = countingSink != null ? countingSink.progress.sum() : store.advance.count.sum();
        return new Sample(System.nanoTime(), System.currentTimeMillis(), metrics.originates.sum(), metrics.amiEvents.sum(),
                handed, progress, done.of(tenant), bridge.tracker().following(), sink.backlog(), heap.usedNow(),
                processCpuNanos());
    }

    private void run(String label, String tenant, long count, long timeoutSeconds, int liveTarget) throws Exception {
        long baseline = 0;
        if (liveTarget > 0) {
            // A measurement, not tuning: what the bridge holds with no call live, to compare with the live set below.
            System.gc();
            baseline = heap.usedNow();
        }
        heap.resetRunPeak();
        Map<Long, Long> cpu0 = threadCpu.snapshot();
        long receive0 = sqs.receive.nanos.sum();
        long receiveN0 = sqs.receive.count.sum();
        long claim0 = store.claim.nanos.sum();
        long claimN0 = store.claim.count.sum();
        long received0 = sqs.received.sum();
        long deletes0 = sqs.delete.nanos.sum();
        long deletesN0 = sqs.delete.count.sum();
        long emptyReceives0 = sqs.emptyReceives.sum();
        long markN0 = store.markOriginated.count.sum();
        long markNanos0 = store.markOriginated.nanos.sum();
        long advN0 = store.advance.count.sum();
        long advNanos0 = store.advance.nanos.sum();
        long evN0 = timedEvents == null ? 0 : timedEvents.timer.count.sum();
        long evNanos0 = timedEvents == null ? 0 : timedEvents.timer.nanos.sum();
        long dropped0 = metrics.amiEventsDropped.sum();
        long reconnects0 = metrics.reconnects.sum();
        long originateErrors0 = metrics.originateErrors.sum();
        long duplicates0 = metrics.duplicateMessages.sum();
        long queueFull0 = BridgeLogging.asteriskJavaQueueFull();
        long gcCount0 = heap.gcCount.get();
        long gcPause0 = heap.gcPauseMillis.get();
        List<Sample> samples = new ArrayList<>();
        Sample first = sample(tenant);
        samples.add(first);
        if (!started) {
            bridge.start();
            started = true;
        }
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long lastPrint = first.nanos;
        long maxBacklog = 0;
        long maxFollowing = 0;
        String liveReport = "";
        boolean liveSeen = false;
        Sample last = first;
        // Each run has its own tenant, so its calls are counted from zero even if some finished before it began.
        long lastProgressNanos = first.nanos;
        boolean stalled = false;
        while (last.done < count && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE_MILLIS);
            Sample previous = last;
            last = sample(tenant);
            samples.add(last);
            if (last.done != previous.done || last.originates != previous.originates) {
                lastProgressNanos = last.nanos;
            } else if (liveTarget == 0 && last.originates > first.originates && last.nanos - lastProgressNanos > 10_000_000_000L) {
                // Nothing moved for 10 s: calls the bridge still follows will not finish soon (see "stuck").
                stalled = true;
                break;
            }
            maxBacklog = Math.max(maxBacklog, last.backlog);
            maxFollowing = Math.max(maxFollowing, last.following);
            if (liveTarget > 0 && !liveSeen && last.following >= liveTarget) {
                liveSeen = true;
                long usedAtLive = heap.usedNow();
                long peakSoFar = heap.runPeak.get();
                // A measurement, not tuning: a full GC here shows what the live calls themselves occupy.
                System.gc();
                long liveSet = heap.usedNow();
                liveReport = String.format(Locale.ROOT, " live_calls=%d heap_used_at_live_mb=%.1f heap_peak_so_far_mb=%.1f"
                        + " heap_after_full_gc_mb=%.1f baseline_after_full_gc_mb=%.1f", last.following, mb(usedAtLive),
                        mb(peakSoFar), mb(liveSet), mb(baseline));
                say(String.format(Locale.ROOT, "  [%s] %d calls live at once: heap used %.1f MB, after a full GC %.1f MB"
                        + " (%.1f KB per live call incl. baseline)", label, last.following, mb(usedAtLive), mb(liveSet),
                        liveSet / 1024.0 / last.following));
            }
            if (last.nanos - lastPrint >= 1_000_000_000L) {
                Sample prev = samples.get(Math.max(0, samples.size() - 1 - (int) (1000 / SAMPLE_MILLIS)));
                double dt = (last.nanos - prev.nanos) / 1e9;
                say(String.format(Locale.ROOT, "  [%s] %5.1fs originated=%d done=%d/%d  originates/s=%.0f"
                                + " ami_events/s=%.0f handed_events/s=%.0f live=%d backlog=%d heap=%.0fMB",
                        label, (last.nanos - first.nanos) / 1e9, last.originates - first.originates,
                        last.done, count, (last.originates - prev.originates) / dt,
                        (last.amiEvents - prev.amiEvents) / dt, (last.handedEvents - prev.handedEvents) / dt,
                        last.following, last.backlog, mb(last.heapUsed)));
                lastPrint = last.nanos;
            }
        }
        boolean complete = last.done >= count;
        // Sustained window: from 10 % to 90 % of this run's originates (ramp-up and tail left out).
        long origTotal = last.originates - first.originates;
        Sample s10 = firstReaching(samples, first.originates + Math.max(1, origTotal / 10));
        Sample s90 = firstReaching(samples, first.originates + Math.max(1, origTotal * 9 / 10));
        Sample sStart = firstReaching(samples, first.originates + 1);
        double window = s90 == null || s10 == null ? 0 : (s90.nanos - s10.nanos) / 1e9;
        double orig = window > 0 ? (s90.originates - s10.originates) / window : 0;
        double ami = window > 0 ? (s90.amiEvents - s10.amiEvents) / window : 0;
        double handed = window > 0 ? (s90.handedEvents - s10.handedEvents) / window : 0;
        double progress = window > 0 ? (s90.progress - s10.progress) / window : 0;
        double cpu = window > 0 ? (s90.cpuNanos - s10.cpuNanos) / 1e9 / window : 0;
        double overallSeconds = sStart == null ? 0 : (last.nanos - sStart.nanos) / 1e9;
        double[] lat = latencies.percentiles(tenant);
        long originatedCalls = last.originates - first.originates;
        long consumerCalls = store.claim.count.sum() - claimN0;

        Map<String, String> r = new LinkedHashMap<>();
        r.put("complete", Boolean.toString(complete));
        r.put("stalled", Boolean.toString(stalled));
        r.put("stuck", Long.toString(stalled ? last.following : 0));
        r.put("calls", Long.toString(last.done));
        r.put("originates", Long.toString(originatedCalls));
        r.put("window_s", fmt(window));
        r.put("window_start_epoch_ms", Long.toString(s10 == null ? 0 : s10.epochMillis));
        r.put("window_end_epoch_ms", Long.toString(s90 == null ? 0 : s90.epochMillis));
        r.put("originates_per_s", fmt(orig));
        r.put("ami_events_per_s", fmt(ami));
        r.put("handed_events_per_s", fmt(handed));
        r.put("progress_writes_per_s", fmt(progress));
        r.put("overall_s", fmt(overallSeconds));
        r.put("overall_originates_per_s", fmt(overallSeconds > 0 ? originatedCalls / overallSeconds : 0));
        r.put("ami_events_per_call", fmt(originatedCalls == 0 ? 0 : (double) (last.amiEvents - first.amiEvents) / originatedCalls));
        r.put("handed_events_per_call", fmt(originatedCalls == 0 ? 0 : (double) (last.handedEvents - first.handedEvents) / originatedCalls));
        r.put("latency_p50_ms", fmt(lat[0]));
        r.put("latency_p99_ms", fmt(lat[1]));
        r.put("latency_max_ms", fmt(lat[2]));
        r.put("latency_n", fmt(lat[3]));
        r.put("peak_heap_mb", fmt(mb(heap.runPeak.get())));
        r.put("peak_heap_after_gc_mb", fmt(mb(heap.runPeakAfterGc.get())));
        r.put("gc_count", Long.toString(heap.gcCount.get() - gcCount0));
        r.put("gc_pause_ms", Long.toString(heap.gcPauseMillis.get() - gcPause0));
        r.put("cpu_cores_used", fmt(cpu));
        r.put("max_live", Long.toString(maxFollowing));
        r.put("max_backlog", Long.toString(maxBacklog));
        r.put("ami_events_dropped", Long.toString(metrics.amiEventsDropped.sum() - dropped0));
        r.put("asterisk_java_queue_full", Long.toString(BridgeLogging.asteriskJavaQueueFull() - queueFull0));
        r.put("originate_errors", Long.toString(metrics.originateErrors.sum() - originateErrors0));
        r.put("duplicates", Long.toString(metrics.duplicateMessages.sum() - duplicates0));
        r.put("reconnects", Long.toString(metrics.reconnects.sum() - reconnects0));
        r.put("statuses", done.statuses(tenant).toString().replace(" ", ""));
        // Where the consumer thread's time went (it does receive -> claim -> Originate, one message at a time).
        double run = (last.nanos - first.nanos) / 1e9;
        r.put("run_s", fmt(run));
        r.put("consumer_receive_s", fmt((sqs.receive.nanos.sum() - receive0) / 1e9));
        r.put("consumer_claim_s", fmt((store.claim.nanos.sum() - claim0) / 1e9));
        r.put("claim_mean_ms", fmt(consumerCalls == 0 ? 0 : (store.claim.nanos.sum() - claim0) / 1e6 / consumerCalls));
        r.put("empty_receives", Long.toString(sqs.emptyReceives.sum() - emptyReceives0));
        r.put("messages_per_receive", fmt((sqs.received.sum() - received0)
                / Math.max(1.0, sqs.receive.count.sum() - receiveN0)));
        r.put("delete_mean_ms", fmt(mean(sqs.delete.nanos.sum() - deletes0, sqs.delete.count.sum() - deletesN0)));
        r.put("mark_originated_mean_ms", fmt(mean(store.markOriginated.nanos.sum() - markNanos0, store.markOriginated.count.sum() - markN0)));
        r.put("advance_mean_ms", fmt(mean(store.advance.nanos.sum() - advNanos0, store.advance.count.sum() - advN0)));
        r.put("advance_writes", Long.toString(store.advance.count.sum() - advN0));
        if (timedEvents != null) {
            r.put("event_batches", Long.toString(timedEvents.timer.count.sum() - evN0));
            r.put("event_batch_mean_ms", fmt(mean(timedEvents.timer.nanos.sum() - evNanos0, timedEvents.timer.count.sum() - evN0)));
            r.put("events_per_batch", fmt((double) (last.handedEvents - first.handedEvents)
                    / Math.max(1, timedEvents.timer.count.sum() - evN0)));
        }
        r.put("threads", threadCpu.top(cpu0, run, 8));
        // mean/max per call, cumulative over the JVM's life: a stall anywhere shows as a max.
        r.put("io", "receive:" + sqs.receive.describe() + ",delete:" + sqs.delete.describe() + ",claim:" + store.claim.describe()
                + ",markOriginated:" + store.markOriginated.describe() + ",advance:" + store.advance.describe()
                + (timedEvents == null ? "" : ",eventBatch:" + timedEvents.timer.describe()));
        if (countingSink != null) {
            r.put("handed_event_names", countingSink.names().toString().replace(" ", ""));
        }
        StringBuilder out = new StringBuilder("@result ").append(label);
        r.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        say(out.append(liveReport).toString());
    }

    private static Sample firstReaching(List<Sample> samples, long originates) {
        for (Sample s : samples) {
            if (s.originates >= originates) {
                return s;
            }
        }
        return null;
    }

    private void stop() {
        if (started) {
            bridge.stop(Duration.ofSeconds(5));
        }
        say("@stopped ami_events_total=" + metrics.amiEvents.sum() + " dropped=" + metrics.amiEventsDropped.sum()
                + " asterisk_java_queue_full=" + BridgeLogging.asteriskJavaQueueFull() + " peak_heap_mb="
                + fmt(mb(heap.globalPeak.get())) + " peak_heap_after_gc_mb=" + fmt(mb(heap.globalPeakAfterGc.get())));
    }

    // ------------------------------------------------------------------ instruments

    /** Call-event batch writes, timed. */
    private static final class TimedEvents implements CallEventStore {
        final Timer timer = new Timer();
        private final CallEventStore delegate;

        TimedEvents(CallEventStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(List<CallEvent> events) {
            timer.time(() -> {
                delegate.append(events);
                return null;
            });
        }

        @Override
        public List<CallEvent> timeline(String callId) {
            return delegate.timeline(callId);
        }

        @Override
        public long lastSeq(String callId) {
            return delegate.lastSeq(callId);
        }
    }

    /**
     * Heap used, sampled every 10 ms on its own thread (the peak between GCs is what -Xmx must
     * hold), plus the heap left after each GC (the live set) from GC notifications.
     */
    private static final class HeapWatch {
        final AtomicLong runPeak = new AtomicLong();
        final AtomicLong globalPeak = new AtomicLong();
        final AtomicLong runPeakAfterGc = new AtomicLong();
        final AtomicLong globalPeakAfterGc = new AtomicLong();
        final AtomicLong gcCount = new AtomicLong();
        final AtomicLong gcPauseMillis = new AtomicLong();
        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());

        void start() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener((notification, handback) -> {
                        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                            return;
                        }
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                (CompositeData) notification.getUserData());
                        long after = 0;
                        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (heapPoolNames.contains(e.getKey())) {
                                after += e.getValue().getUsed();
                            }
                        }
                        gcCount.incrementAndGet();
                        // Concurrent cycles report their whole duration; pauses are what the AMI reader feels.
                        if (!info.getGcName().contains("Concurrent")) {
                            gcPauseMillis.addAndGet(info.getGcInfo().getDuration());
                        }
                        max(runPeakAfterGc, after);
                        max(globalPeakAfterGc, after);
                    }, null, null);
                }
            }
            Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
                while (true) {
                    long used = usedNow();
                    max(runPeak, used);
                    max(globalPeak, used);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long usedNow() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        void resetRunPeak() {
            runPeak.set(usedNow());
            runPeakAfterGc.set(0);
        }

        private static void max(AtomicLong target, long value) {
            target.accumulateAndGet(value, Math::max);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double mean(long nanos, long n) {
        return n == 0 ? 0 : nanos / 1e6 / n;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
