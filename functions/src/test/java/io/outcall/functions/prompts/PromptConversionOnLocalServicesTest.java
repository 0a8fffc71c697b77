package io.outcall.functions.prompts;

import io.outcall.core.prompt.Prompt;
import io.outcall.core.prompt.PromptKeys;
import io.outcall.core.prompt.PromptState;
import io.outcall.core.prompt.Rejection;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.functions.PromptWiring;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    private static LocalPrompts local;
    private static LocalServices aws;
    private static PromptWiring wiring;
    private static String bucket;

    @BeforeAll
    static void start() {
        local = new LocalPrompts(TENANT);
        aws = local.aws;
        wiring = local.wiring;
        bucket = local.bucket;
    }

    @AfterAll
    static void stop() {
        local.close();
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
        wiring.prompts().startUpload(Prompt.uploading(TENANT, name, uploadId, 1000, now),
                new AuditEntry(TENANT, now, "tester", "prompt.upload_started", name, List.of()));
        return PromptKeys.upload(TENANT, name, uploadId);
    }

    private static int notify(String prefix) {
        return local.notifyUploads(prefix);
    }

    private static boolean exists(String key) {
        return local.exists(key);
    }

    private static byte[] tone(float rate, int channels, double seconds) {
        return LocalPrompts.tone(rate, channels, seconds);
    }
}
