package io.outcall.functions.prompts;

import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.prompt.Prompt;
import io.outcall.core.prompt.PromptKeys;
import io.outcall.core.prompt.PromptState;
import io.outcall.core.prompt.Rejection;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.Tenant;
import io.outcall.functions.PromptWiring;
import io.outcall.localaws.LocalServices;
import io.outcall.localaws.S3EventSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conversion function over the S3 stand-in and DynamoDB Local, invoked with the S3 event the
 * local notification source writes: a good upload becomes a ready 8 kHz mono prompt, each bad
 * one a rejected prompt with its reason and nothing under prompts/.
 */
class PromptConversionOnLocalServicesTest {

    private static final String TENANT = "prompt-tenant";
    private static LocalServices aws;
    private static PromptWiring wiring;
    private static String bucket;

    @BeforeAll
    static void start() {
        aws = LocalServices.startInMemory();
        bucket = aws.bucketName("AudioBucket");
        wiring = PromptWiring.of("TenantsTable", aws.dynamoDb(), aws.s3(), aws.s3Presigner(), bucket, Clock.systemUTC());
        new DynamoTenantStore(aws.dynamoDb(), "TenantsTable").put(new Tenant(TENANT, "Prompts", "US", List.of("outbound"),
                "outbound", List.of()));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void aCdQualityStereoWavUploadedThroughItsPresignedUrlBecomesAReady8kHzMonoPrompt() throws Exception {
        byte[] wav = tone(44_100f, 2, 2.0);
        String key = startUpload("welcome", "01UPLOADWELCOME000000001");
        PresignedPutObjectRequest put = wiring.presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType("audio/wav").contentLength((long) wav.length)));
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(put.url().toURI())
                .header("Content-Type", "audio/wav").PUT(HttpRequest.BodyPublishers.ofByteArray(wav)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());

        assertEquals(1, notify("uploads/" + TENANT + "/welcome/"));

        Prompt prompt = wiring.prompts().find(TENANT, "welcome").orElseThrow();
        assertEquals(PromptState.READY, prompt.state());
        assertEquals(2000L, prompt.durationMillis());
        byte[] converted = aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(PromptKeys.wav(TENANT, "welcome"))).asByteArray();
        AudioFormat format = AudioSystem.getAudioInputStream(new ByteArrayInputStream(converted)).getFormat();
        assertEquals(8000f, format.getSampleRate());
        assertEquals(1, format.getChannels());
        assertEquals(16, format.getSampleSizeInBits());
        long ulaw = aws.s3().headObject(b -> b.bucket(bucket).key(PromptKeys.ulaw(TENANT, "welcome"))).contentLength();
        assertEquals(16_000, ulaw, 2.0);
        assertTrue(aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix("uploads/" + TENANT + "/welcome/")).contents().isEmpty(),
                "the upload is deleted once converted");
    }

    @Test
    void eachBadUploadIsRejectedWithItsReasonAndLeavesNothingPlayable() throws Exception {
        byte[] good = tone(8000f, 1, 2.0);
        assertRejected("html", "<html>not a sound</html>".getBytes(StandardCharsets.UTF_8), Rejection.NOT_AUDIO);
        assertRejected("truncated", Arrays.copyOf(good, good.length / 2), Rejection.CORRUPT);
        assertRejected("empty", new byte[0], Rejection.EMPTY);
        assertRejected("huge", new byte[11 * 1024 * 1024], Rejection.TOO_LARGE);
        assertRejected("six-minutes", tone(8000f, 1, 360.0), Rejection.TOO_LONG);
    }

    @Test
    void anUploadThatIsNotThePromptsCurrentOneIsDeletedAndChangesNothing() throws Exception {
        startUpload("current", "01UPLOADCURRENT000000002");
        String stale = PromptKeys.upload(TENANT, "current", "01UPLOADSTALE0000000000001");
        aws.s3().putObject(b -> b.bucket(bucket).key(stale), RequestBody.fromBytes(tone(8000f, 1, 1.0)));
        notify("uploads/" + TENANT + "/current/");
        assertEquals(PromptState.UPLOADING, wiring.prompts().find(TENANT, "current").orElseThrow().state());
        assertFalse(exists(PromptKeys.wav(TENANT, "current")));
        assertFalse(exists(stale));
    }

    private void assertRejected(String name, byte[] upload, Rejection expected) throws IOException {
        String key = startUpload(name, "01UPLOAD" + name.toUpperCase().replace("-", "") + "0000000000".substring(name.length() % 10));
        aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(upload));
        assertEquals(1, notify("uploads/" + TENANT + "/" + name + "/"));
        Prompt prompt = wiring.prompts().find(TENANT, name).orElseThrow();
        assertEquals(PromptState.REJECTED, prompt.state(), name);
        assertEquals(expected, prompt.rejection(), name + ": " + prompt.detail());
        assertFalse(prompt.detail().isBlank());
        assertFalse(exists(PromptKeys.wav(TENANT, name)), name + " left a playable file");
        assertFalse(exists(PromptKeys.ulaw(TENANT, name)), name + " left a playable file");
        assertFalse(exists(key), name + "'s upload is deleted");
    }

    private String startUpload(String name, String uploadId) {
        Instant now = Instant.now();
        wiring.prompts().startUpload(Prompt.uploading(TENANT, name, uploadId, now),
                new AuditEntry(TENANT, now, "tester", "prompt.upload_started", name, List.of()));
        return PromptKeys.upload(TENANT, name, uploadId);
    }

    /** Runs the local S3 notification once, into the function as Lambda would invoke it. */
    private static int notify(String prefix) {
        PromptConversionHandler handler = new PromptConversionHandler(wiring.conversion(),
                new PrintStream(OutputStream.nullOutputStream()));
        return new S3EventSource(aws.s3(), bucket, prefix, ".wav", event -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).pollOnce();
    }

    private static boolean exists(String key) {
        return !aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().isEmpty();
    }

    private static byte[] tone(float rate, int channels, double seconds) throws IOException {
        int frames = (int) Math.round(rate * seconds);
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames * channels; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * (i / channels) / rate) * 12_000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, channels, true, false),
                frames), AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
