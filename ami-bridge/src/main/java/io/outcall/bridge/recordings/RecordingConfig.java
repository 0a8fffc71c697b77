package io.outcall.bridge.recordings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where MixMonitor writes and where recordings go, from the bridge's environment.
 *
 * @param spool          the folder MixMonitor writes {@code <CALL_ID>.wav} into (the bridge reads and deletes there)
 * @param bucket         the audio bucket; null: recordings stay in the spool (logged once at start)
 * @param s3Endpoint     a local S3 stand-in; null: AWS
 * @param firstRetry     the wait after a failed upload, doubled at each failure up to {@code maxRetry}
 * @param overdueAfter   a recording still on disk this long counts as overdue (metric and log line)
 */
public record RecordingConfig(Path spool, String bucket, URI s3Endpoint, Duration firstRetry, Duration maxRetry,
                              Duration overdueAfter) {

    public static final Path DEFAULT_SPOOL = Path.of("/var/spool/asterisk/monitor");

    public static RecordingConfig fromEnvironment(Map<String, String> env) {
        String spool = env.getOrDefault("RECORDING_SPOOL", DEFAULT_SPOOL.toString());
        String bucket = env.get("AUDIO_BUCKET");
        String endpoint = env.get("S3_ENDPOINT");
        URI s3Endpoint;
        try {
            s3Endpoint = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S3_ENDPOINT must be a URL, e.g. http://127.0.0.1:9000; was '" + endpoint + "'", e);
        }
        return new RecordingConfig(Path.of(spool), bucket == null || bucket.isBlank() ? null : bucket, s3Endpoint,
                Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(1));
    }
}
