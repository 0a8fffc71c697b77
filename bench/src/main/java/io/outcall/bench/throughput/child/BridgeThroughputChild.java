package io.outcall.bench.throughput.child;

import io.outcall.bridge.Bridge;
import io.outcall.bridge.BridgeConfig;
import io.outcall.bridge.calls.CallSink;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.logging.BridgeLogging;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.aws.AwsClients;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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

    private final String mode;
    private final BridgeMetrics metrics = new BridgeMetrics();
    private final InMemoryQueue memoryQueue;
    private final Bridge bridge;
    private final Instruments instruments;
    private final MeasuredRun runs;
    private boolean started;

    private BridgeThroughputChild(Map<String, String> opts) {
        this.mode = opts.getOrDefault("mode", "pipeline");
        Done done = new Done();
        Latencies latencies = new Latencies();
        InstrumentedCallStore store;
        TimedSqs sqs;
        TimedEvents timedEvents = null;
        CountingSink countingSink = null;
        CallSink sink;
        String queueUrl;
        URI dynamoEndpoint = null;
        URI sqsEndpoint = null;
        if (mode.equals("pipeline")) {
            InMemoryCallStore memoryStore = new InMemoryCallStore();
            store = new InstrumentedCallStore(memoryStore, latencies, null);
            this.memoryQueue = new InMemoryQueue(memoryStore);
            sqs = new TimedSqs(memoryQueue);
            countingSink = new CountingSink(done);
            sink = countingSink;
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
            store = new InstrumentedCallStore(new DynamoCallStore(dynamoDb, "CallsTable", "CallStatsTable"), latencies, done);
            this.memoryQueue = null;
            sqs = new TimedSqs(aws.sqs());
            timedEvents = new TimedEvents(new DynamoCallEventStore(dynamoDb, "CallEventsTable"));
            DynamoCallSink dynamoSink = new DynamoCallSink(store, timedEvents, metrics,
                    Integer.parseInt(opts.getOrDefault("lanes", "8")));
            sink = dynamoSink;
        }
        // Pacing limits far above anything reachable here: the run must show what the bridge can do.
        BridgeConfig config = new BridgeConfig("127.0.0.1", Integer.parseInt(opts.get("ami-port")), "admin",
                "admin_password", queueUrl, "CallsTable", "CallEventsTable", "CallStatsTable", Region.US_EAST_1,
                dynamoEndpoint, sqsEndpoint, "Local/{number}@outbound", 1_000_000, 1_000_000, 1_000_000, 1_000_000, 0,
                opts.getOrDefault("bridge-id", "bench-" + mode), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
        this.bridge = new Bridge(config, store, sink, Long.parseLong(opts.getOrDefault("high-water", "50000")), sqs,
                metrics, Clock.systemUTC());
        this.instruments = new Instruments(metrics, done, latencies, store, sqs, timedEvents, countingSink, sink,
                new HeapWatch(), new ThreadCpu().start(), () -> bridge.tracker().following());
        this.runs = new MeasuredRun(instruments, this::startOnce);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        BridgeThroughputChild child = new BridgeThroughputChild(opts);
        child.instruments.heap().start();
        say("@ready mode=" + child.mode + " " + jvmDescription());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "load" -> child.memoryQueue.load(w[1], Long.parseLong(w[2]), w[3].charAt(0), w[4],
                        Double.parseDouble(w[5]));
                case "run" -> say(child.runs.run(w[1], w[2], Long.parseLong(w[3]), Long.parseLong(w[4]),
                        w.length > 5 ? Integer.parseInt(w[5]) : 0));
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

    /** The collectors and heap limit, for the parent's log: figures mean little without them. */
    static String jvmDescription() {
        return "gc=" + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(",")).replace(' ', '_')
                + " max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private void startOnce() {
        if (!started) {
            try {
                bridge.start();
            } catch (IOException e) {
                throw new UncheckedIOException("the bridge did not start", e);
            }
            started = true;
        }
    }

    private void stop() {
        if (started) {
            bridge.stop(Duration.ofSeconds(5));
        }
        HeapWatch heap = instruments.heap();
        say(new StringBuilder("@stopped ami_events_total=").append(metrics.amiEvents.sum())
                .append(" dropped=").append(metrics.amiEventsDropped.sum())
                .append(" asterisk_java_queue_full=").append(BridgeLogging.asteriskJavaQueueFull())
                .append(String.format(java.util.Locale.ROOT, " peak_heap_mb=%.1f peak_heap_after_gc_mb=%.1f",
                        ResultLine.mb(heap.globalPeak.get()), ResultLine.mb(heap.globalPeakAfterGc.get()))).toString());
    }
}
