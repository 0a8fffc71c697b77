package io.outcall.bridge.prompts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SoundsFolderSync} at start and then every few seconds, on a thread of its own (never
 * the AMI reader's, never a call's): a slow or failing S3 delays prompts, not calls. A failed pass
 * is logged and the next one starts over.
 */
public final class PromptSync implements AutoCloseable {

    /**
     * How the bridge is told where prompts go: SOUNDS_DIR (unset: no sync) and PROMPT_SYNC_SECONDS. The
     * bucket (AUDIO_BUCKET) and S3's endpoint (S3_ENDPOINT) are read once for the bridge, by
     * {@link io.outcall.bridge.recordings.RecordingConfig}, and shared with the recordings' uploader.
     */
    public record Settings(Path soundsDir, String bucket, Duration interval) {

        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

        /**
         * @param bucket the audio bucket as the bridge read it; null: AUDIO_BUCKET is unset
         * @return null when SOUNDS_DIR is unset: this bridge's host plays no tenants' prompts
         */
        public static Settings fromEnvironment(Map<String, String> env, String bucket) {
            String sounds = env.get("SOUNDS_DIR");
            if (sounds == null || sounds.isBlank()) {
                return null;
            }
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("SOUNDS_DIR is set but AUDIO_BUCKET is not; set it to the stack"
                        + " output AudioBucketName, where the converted prompts are");
            }
            String seconds = env.getOrDefault("PROMPT_SYNC_SECONDS", Long.toString(DEFAULT_INTERVAL.toSeconds()));
            Duration interval;
            try {
                interval = Duration.ofSeconds(Integer.parseInt(seconds.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PROMPT_SYNC_SECONDS is '" + seconds + "'; expected a positive whole"
                        + " number of seconds, e.g. 5", e);
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("PROMPT_SYNC_SECONDS is '" + seconds + "'; expected a positive whole"
                        + " number of seconds, e.g. 5");
            }
            return new Settings(Path.of(sounds), bucket, interval);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PromptSync.class);

    private final SoundsFolderSync sync;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("prompt-sync").daemon(true).factory());

    public PromptSync(SoundsFolderSync sync, Duration interval) {
        this.sync = sync;
        this.interval = interval;
    }

    /** The first pass at once, then one {@code interval} after each pass ends. */
    public PromptSync start() {
        thread.scheduleWithFixedDelay(this::pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pass() {
        try {
            SoundsFolderSync.Pass pass = sync.syncOnce();
            if (pass.downloaded() > 0 || pass.removed() > 0) {
                log.info("prompts: {} files in the bucket, {} written, {} removed", pass.listed(), pass.downloaded(),
                        pass.removed());
            }
        } catch (RuntimeException e) {
            log.warn("prompts: this pass failed, the next one in {} s starts over: {}", interval.toSeconds(), e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
