package io.outcall.bridge.prompts;

import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sounds folder kept in step with the converted prompts in the bucket, over s3proxy and a
 * temporary folder: written at start, rewritten when a prompt changes, removed when it is gone,
 * nothing downloaded twice, nothing outside the tenants' folders touched.
 */
class SoundsFolderSyncTest {

    private static LocalServices aws;
    private static String bucket;
    @TempDir
    Path sounds;

    @BeforeAll
    static void start() {
        aws = LocalServices.startInMemory();
        bucket = aws.bucketName("AudioBucket");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void emptyBucket() {
        aws.s3().listObjectsV2Paginator(b -> b.bucket(bucket)).contents()
                .forEach(o -> aws.s3().deleteObject(b -> b.bucket(bucket).key(o.key())));
    }

    @Test
    void readyPromptsAreWrittenChangedOnesRewrittenAndDeletedOnesRemoved() throws IOException {
        put("prompts/acme/welcome.wav", "welcome v1");
        put("prompts/acme/welcome.ulaw", "welcome ulaw");
        put("prompts/globex/hold.wav", "hold");
        put("uploads/acme/welcome/0123456789abcdef.wav", "not converted yet");
        put("prompts/acme/Bad Name.wav", "out of the name rule");
        SoundsFolderSync sync = new SoundsFolderSync(aws.s3(), bucket, sounds);

        assertEquals(new SoundsFolderSync.Pass(3, 3, 0), sync.syncOnce());
        assertEquals("welcome v1", read("outcall/acme/welcome.wav"));
        assertEquals("welcome ulaw", read("outcall/acme/welcome.ulaw"));
        assertEquals("hold", read("outcall/globex/hold.wav"));
        assertEquals(3, filesUnder(sounds), "only the converted prompts, no upload, no temporary file");
        assertTrue(Files.getPosixFilePermissions(sounds.resolve("outcall/acme/welcome.wav"))
                .contains(PosixFilePermission.OTHERS_READ), "Asterisk, another user, can read it");

        assertEquals(new SoundsFolderSync.Pass(3, 0, 0), sync.syncOnce(), "nothing changed, nothing written");

        put("prompts/acme/welcome.wav", "welcome v2");
        aws.s3().deleteObject(b -> b.bucket(bucket).key("prompts/globex/hold.wav"));
        assertEquals(new SoundsFolderSync.Pass(2, 1, 1), sync.syncOnce());
        assertEquals("welcome v2", read("outcall/acme/welcome.wav"));
        assertFalse(Files.exists(sounds.resolve("outcall/globex/hold.wav")));
    }

    @Test
    void aRestartDownloadsNothingAlreadyThereAndLeavesTheOperatorsOwnSoundsAlone() throws IOException {
        put("prompts/acme/welcome.wav", "welcome");
        new SoundsFolderSync(aws.s3(), bucket, sounds).syncOnce();
        Files.writeString(sounds.resolve("outcall/reminder.wav"), "the operator's own");
        Files.writeString(sounds.resolve("outcall/acme/.sync-123.tmp"), "a crashed pass's half file");
        Files.writeString(sounds.resolve("outcall/acme/gone.wav"), "a prompt deleted while the bridge was down");

        assertEquals(new SoundsFolderSync.Pass(1, 0, 2), new SoundsFolderSync(aws.s3(), bucket, sounds).syncOnce());
        assertEquals("the operator's own", read("outcall/reminder.wav"));
        assertEquals(1, filesUnder(sounds.resolve("outcall/acme")));
    }

    @Test
    void theRunningSyncPicksUpANewPromptOnItsOwnThread() throws Exception {
        try (PromptSync running = new PromptSync(new SoundsFolderSync(aws.s3(), bucket, sounds), Duration.ofMillis(50))
                .start()) {
            put("prompts/acme/late.wav", "late");
            Path file = sounds.resolve("outcall/acme/late.wav");
            Instant deadline = Instant.now().plusSeconds(20);
            while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // a condition, polled: not a time assumed
            }
            assertArrayEquals("late".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        }
    }

    private static void put(String key, String content) {
        aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private String read(String relative) throws IOException {
        return Files.readString(sounds.resolve(relative));
    }

    private static long filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("reminder.wav")).count();
        }
    }
}
