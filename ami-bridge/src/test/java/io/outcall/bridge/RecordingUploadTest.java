package io.outcall.bridge;

import io.outcall.bridge.recordings.RecordingConfig;
import io.outcall.bridge.recordings.RecordingMetrics;
import io.outcall.bridge.recordings.RecordingUploader;
import io.outcall.core.call.Call;
import io.outcall.core.dynamo.DynamoRecordingStore;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.recording.Recording;
import io.outcall.core.recording.RecordingKeys;
import io.outcall.core.s3.S3RecordingFiles;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recorded calls dialed by a running bridge through the simulator over TCP (which writes MixMonitor's
 * file into the spool), uploaded to s3proxy and written on the call in DynamoDB Local.
 */
class RecordingUploadTest {

    @TempDir
    static Path spool;
    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().recordingSpool(spool).build());
        s3 = harness.local.s3();
        bucket = harness.local.bucketName("AudioBucket");
    }

    @AfterAll
    static void stop() {
        pbx.close();
        harness.close();
    }

    @Test
    void aRecordedCallEndsWithItsRecordingInTheBucketAndOnTheCall() throws Exception {
        try (BridgeHarness.RunningBridge ignored = harness.startBridge(harness.config(pbx, "rec-1"), uploader(bucket, null))) {
            Call call = queueRecorded(30);

            Recording recording = harness.await(call.callId(), c -> c.recording() != null, "its recording").recording();

            String key = RecordingKeys.key(BridgeHarness.TENANT, call.callId(), call.createdAt());
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            assertEquals(stored.length, recording.bytes());
            AudioFileFormat wav = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(stored));
            assertEquals(8000f, wav.getFormat().getSampleRate());
            assertEquals(1, wav.getFormat().getChannels());
            assertEquals(Math.round(wav.getFrameLength() / 8000f), recording.durationSeconds());
            assertTrue(recording.durationSeconds() > 0, "the call talked: " + recording);
            // s3proxy implements no object tags (501): the retention shows in the object's metadata here.
            assertEquals(Map.of("outcall-retention", "30d"), s3.headObject(b -> b.bucket(bucket).key(key)).metadata());
            assertFalse(Files.exists(spool.resolve(call.callId() + ".wav")), "the local file is deleted once stored");
        }
    }

    @Test
    void anUploadThatFailsIsRetriedUntilItLands() throws Exception {
        String missing = "recordings-later-" + System.nanoTime();
        AtomicReference<RecordingMetrics> metrics = new AtomicReference<>();
        try (BridgeHarness.RunningBridge ignored = harness.startBridge(harness.config(pbx, "rec-2"),
                uploader(missing, metrics))) {
            Call call = queueRecorded(7);
            BridgeHarness.awaitCount(() -> metrics.get().uploadFailures(), 2, "two failed uploads (no bucket)");
            assertTrue(Files.exists(spool.resolve(call.callId() + ".wav")), "kept until uploaded");
            assertNull(harness.calls.find(call.callId()).orElseThrow().recording());

            s3.createBucket(b -> b.bucket(missing));

            Recording recording = harness.await(call.callId(), c -> c.recording() != null, "its recording").recording();
            String key = RecordingKeys.key(BridgeHarness.TENANT, call.callId(), call.createdAt());
            assertEquals(recording.bytes(), s3.headObject(b -> b.bucket(missing).key(key)).contentLength());
            assertFalse(Files.exists(spool.resolve(call.callId() + ".wav")));
        }
    }

    @Test
    void aFileLeftByAnEarlierRunIsUploadedAtStart() throws Exception {
        Call call;
        try (BridgeHarness.RunningBridge noUploads = harness.startBridge(harness.config(pbx, "rec-3"))) {
            call = queueRecorded(90);
            harness.awaitFinal(call.callId());
        }
        Path left = spool.resolve(call.callId() + ".wav");
        assertTrue(Files.exists(left), "the first run uploaded nothing");

        try (BridgeHarness.RunningBridge restarted = harness.startBridge(harness.config(pbx, "rec-3"),
                uploader(bucket, null))) {
            Recording recording = harness.await(call.callId(), c -> c.recording() != null, "its recording").recording();
            String key = RecordingKeys.key(BridgeHarness.TENANT, call.callId(), call.createdAt());
            assertEquals(recording.bytes(), s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
            assertFalse(Files.exists(left));
        }
    }

    @Test
    void aCallWithoutRecordingWritesNothing() throws Exception {
        try (BridgeHarness.RunningBridge ignored = harness.startBridge(harness.config(pbx, "rec-4"), uploader(bucket, null))) {
            Call plain = harness.queueCall("+17065551231");
            harness.awaitFinal(plain.callId());
            // The uploader works in order: once a recorded call after it is stored, the plain one was looked at.
            Call recorded = queueRecorded(null);
            harness.await(recorded.callId(), c -> c.recording() != null, "its recording");

            assertNull(harness.calls.find(plain.callId()).orElseThrow().recording());
            assertFalse(Files.exists(spool.resolve(plain.callId() + ".wav")));
            String key = RecordingKeys.key(BridgeHarness.TENANT, plain.callId(), plain.createdAt());
            assertTrue(s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().isEmpty());
            assertEquals(Map.of(), s3.headObject(b -> b.bucket(bucket).key(RecordingKeys.key(BridgeHarness.TENANT,
                    recorded.callId(), recorded.createdAt()))).metadata(), "timelines kept for ever: no tag, 365 days");
        }
    }

    @Test
    void aRecordingStillOnDiskAfterAnHourIsCountedOverdue() throws Exception {
        Path stale = spool.resolve("01OVERDUE0000000000000000.wav");
        Files.write(stale, new byte[44]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
        AtomicReference<RecordingMetrics> metrics = new AtomicReference<>();
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "rec-5"), uploader(bucket, metrics))) {
            BridgeHarness.awaitCount(() -> metrics.get().overdueCount(), 1, "the stale file counted");
            assertTrue(bridge.metrics().prometheus().contains("bridge_recordings_overdue 1"), bridge.metrics().prometheus());
            assertTrue(Files.exists(stale), "a file of no recorded call is left where it is");
        } finally {
            Files.delete(stale);
        }
    }

    private static java.util.function.Function<io.outcall.bridge.health.BridgeMetrics, RecordingUploader> uploader(
            String bucketName, AtomicReference<RecordingMetrics> exposed) {
        return bridgeMetrics -> {
            RecordingMetrics metrics = new RecordingMetrics(bridgeMetrics);
            if (exposed != null) {
                exposed.set(metrics);
            }
            return new RecordingUploader(new RecordingConfig(spool, bucketName, null, Duration.ofMillis(50),
                    Duration.ofMillis(400), Duration.ofHours(1)), new S3RecordingFiles(s3, null, bucketName),
                    harness.calls, new DynamoRecordingStore(harness.local.dynamoDb(), "CallsTable"), metrics,
                    Clock.systemUTC());
        };
    }

    /** A recorded call, as intake makes it for a tenant keeping timelines {@code retentionDays} (null: for ever). */
    private static Call queueRecorded(Integer retentionDays) {
        Instant now = Instant.now();
        Call call = Call.queued(io.outcall.core.call.CallId.systemGenerator().next(), BridgeHarness.TENANT,
                "+17065551231", "+14045550100", "did-main", "Acme", "+14045550199", "DynamicIVR", Map.of(), 30, now,
                null, null).withRecord(true)
                .withTimelineExpiresAt(retentionDays == null ? null : now.plus(Duration.ofDays(retentionDays)));
        harness.calls.create(call);
        harness.queue.send(OriginateMessage.of(call));
        return call;
    }
}
