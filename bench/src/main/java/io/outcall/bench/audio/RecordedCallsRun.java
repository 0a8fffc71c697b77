package io.outcall.bench.audio;

import io.outcall.bridge.Bridge;
import io.outcall.bridge.BridgeConfig;
import io.outcall.bridge.recordings.RecordingConfig;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.recording.Recording;
import io.outcall.localaws.LocalServices;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (b) The delay from a recorded call's end to its recording stored, through the real parts: calls
 * queued on ElasticMQ as intake queues them, a bridge dialing them through the PBX simulator over
 * TCP (which writes MixMonitor's file into the spool as the call hangs up), and the bridge's
 * RecordingUploader putting each file into s3proxy and writing {@code recording} on the call in
 * DynamoDB Local. The delay is {@code recording.storedAt - endedAt}, both the bridge's clock.
 * The floor, in the same JVM against the same servers: for each call, the requests the uploader
 * makes before it takes {@code storedAt} (GetItem of the call, PutObject of a file of the
 * recording's size, HeadObject), made one after another with nothing else: what storing a file
 * costs before any of our code and any waiting.
 */
final class RecordedCallsRun {

    private static final String TENANT = "bench-audio";
    /** The simulator answers a number ending in 1 and hangs up after a short talk. */
    private static final String ANSWERS = "+17065551231";
    private static final Duration STORED_WITHIN = Duration.ofMinutes(3);

    private final int calls;
    private final int perSecond;

    RecordedCallsRun(int calls, int perSecond) {
        this.calls = calls;
        this.perSecond = perSecond;
    }

    void run() throws Exception {
        Path spool = Files.createTempDirectory("bench-audio-spool");
        try (LocalServices aws = LocalServices.startInMemory();
             PbxSimulator pbx = PbxSimulator.start(SimulatorConfig.builder().port(0).recordingSpool(spool)
                     .writeTimeout(Duration.ofSeconds(1)).build())) {
            String bucket = aws.bucketName("AudioBucket");
            String queueUrl = aws.queueUrl("OriginateQueue");
            DynamoCallStore store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
            BridgeConfig config = new BridgeConfig("127.0.0.1", pbx.port(), pbx.config().username(), pbx.config().secret(),
                    queueUrl, "CallsTable", "CallEventsTable", "CallStatsTable", Region.US_EAST_1,
                    aws.dynamoDbServer().endpoint(), aws.sqsServer().endpoint(), "Local/{number}@outbound", 500, 5_000, 500,
                    5_000, 0, "bench-audio-1", Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(5));
            Bridge bridge = Bridge.onDynamoDb(config, aws.dynamoDb(), aws.sqs(), 4,
                    new RecordingConfig(spool, bucket, null, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(1)),
                    aws.s3());
            bridge.start();
            try {
                SqsOriginateQueue queue = new SqsOriginateQueue(aws.sqs(), queueUrl, new OriginateMessageCodec(Json.standard()));
                List<String> ids = queueRecordedCalls(store, queue);
                List<Call> stored = awaitStored(store, ids);
                report(aws, store, bucket, stored, uploadFailures(bridge.healthPort()));
            } finally {
                bridge.stop(Duration.ofSeconds(5));
            }
        }
    }

    /** {@code calls} recorded calls, {@code perSecond} a second, each recorded and queued as intake does. */
    private List<String> queueRecordedCalls(DynamoCallStore store, SqsOriginateQueue queue) throws InterruptedException {
        CallId ids = CallId.systemGenerator();
        List<String> queued = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the offered load, not waiting for a result
            }
            Call call = Call.queued(ids.next(), TENANT, ANSWERS, "+14045550100", "did-main", "Bench", "+14045550199",
                    "DynamicIVR", Map.of(), 30, Instant.now(), null, null).withRecord(true);
            store.create(call);
            queue.send(OriginateMessage.of(call));
            queued.add(call.callId());
        }
        return queued;
    }

    private List<Call> awaitStored(DynamoCallStore store, List<String> ids) throws InterruptedException {
        Instant deadline = Instant.now().plus(STORED_WITHIN);
        List<Call> stored = new ArrayList<>();
        List<String> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Call call = store.find(it.next()).orElseThrow();
                if (call.recording() != null) {
                    stored.add(call);
                    it.remove();
                } else if (call.status().isFinal() && call.answeredAt() == null) {
                    throw new IllegalStateException("call " + call.callId() + " ended " + call.status() + " without an answer");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(waiting.size() + " of " + ids.size() + " recordings never stored within "
                        + STORED_WITHIN + ", e.g. " + waiting.getFirst());
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(200); // reading the table again; the delay itself is taken from the stored times
            }
        }
        return stored;
    }

    /** The bridge's own count of failed (and retried) uploads, from its /metrics. */
    private static long uploadFailures(int healthPort) throws java.io.IOException, InterruptedException {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + healthPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("bridge_recording_upload_failures_total "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no upload failure count in /metrics"));
    }

    private void report(LocalServices aws, DynamoCallStore store, String bucket, List<Call> stored, long failures)
            throws java.io.IOException {
        List<Double> delays = new ArrayList<>();
        long bytes = 0;
        for (Call call : stored) {
            Recording recording = call.recording();
            delays.add(Duration.between(call.endedAt(), recording.storedAt()).toNanos() / 1e6);
            bytes += recording.bytes();
        }
        // The floor: the same requests for the same sizes, plainly, one after another; from a file, as the uploader sends.
        List<Double> floor = new ArrayList<>();
        Path file = Files.createTempFile("bench-audio-floor", ".wav");
        try {
            for (Call call : stored) {
                Files.write(file, new byte[(int) call.recording().bytes()]);
                String key = "bench-floor/" + call.callId() + ".wav";
                long start = System.nanoTime();
                store.find(call.callId()).orElseThrow();
                aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType("audio/wav"), RequestBody.fromFile(file));
                aws.s3().headObject(b -> b.bucket(bucket).key(key));
                floor.add((System.nanoTime() - start) / 1e6);
            }
        } finally {
            Files.delete(file);
        }
        Spread delay = Spread.of(delays);
        Spread plain = Spread.of(floor);
        System.out.printf(Locale.ROOT, "recordings calls=%d avg_bytes=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f"
                        + " floor_get_put_head_p50_ms=%.1f floor_p99_ms=%.1f ratio_p50=%.1f ratio_p99=%.1f upload_failures=%d%n",
                stored.size(), bytes / stored.size(), delay.p50(), delay.p99(), delay.max(), plain.p50(), plain.p99(),
                delay.p50() / plain.p50(), delay.p99() / plain.p99(), failures);
    }
}
