package io.outcall.bridge.recordings;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStore;
import io.outcall.core.recording.Recording;
import io.outcall.core.recording.RecordingFiles;
import io.outcall.core.recording.RecordingKeys;
import io.outcall.core.recording.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves finished calls' recordings from MixMonitor's spool to the audio bucket: upload, verify the
 * stored size, write {@code recording} on the call, and only then delete the local file, so a
 * crash at any step leaves the file to be uploaded again (the same key; the call's write is
 * conditional). A failed upload is retried with a doubling wait. It runs on its own thread, never
 * the AMI reader's, the tracker's or the writer lanes'.
 */
public final class RecordingUploader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingUploader.class);
    private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

    private final RecordingConfig config;
    private final RecordingFiles files;
    private final CallStore calls;
    private final RecordingStore recordings;
    private final RecordingMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("recording-uploader").daemon(true).factory());
    /** Calls with an upload attempt scheduled; executor thread only. */
    private final Set<String> pending = new HashSet<>();
    private boolean warnedUntagged;

    public RecordingUploader(RecordingConfig config, RecordingFiles files, CallStore calls, RecordingStore recordings,
                             RecordingMetrics metrics, Clock clock) {
        this.config = config;
        this.files = files;
        this.calls = calls;
        this.recordings = recordings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Uploads what an earlier run left for ended calls, then every minute looks through the spool
     * again: a call this bridge never followed to its end (one that ended while it was away, ended
     * by the restart's reconciliation) has its file taken up there; and overdue files are counted.
     */
    public void start() {
        executor.scheduleWithFixedDelay(() -> {
            uploadLeftovers();
            countOverdue();
        }, 0, 1, TimeUnit.MINUTES);
    }

    /** A followed call ended: its recording, if MixMonitor wrote one, is complete. Any thread. */
    public void callEnded(String callId) {
        executor.execute(() -> {
            if (pending.add(callId)) {
                attempt(callId, 0, false);
            }
        });
    }

    private void uploadLeftovers() {
        for (Path file : spoolFiles()) {
            String callId = callIdOf(file);
            if (pending.add(callId)) {
                attempt(callId, 0, true);
            }
        }
    }

    /** @param onlyIfEnded at start, a call still live is left for its end ({@link #callEnded}) */
    private void attempt(String callId, int failures, boolean onlyIfEnded) {
        Path file = config.spool().resolve(callId + ".wav");
        try {
            if (!Files.exists(file)) {
                pending.remove(callId);
                return;
            }
            Optional<Call> found = calls.find(callId);
            if (found.isEmpty() || !found.get().record()) {
                log.warn("recording {} belongs to no recorded call; left in the spool", file);
                pending.remove(callId);
                return;
            }
            Call call = found.get();
            if (onlyIfEnded && !call.status().isFinal()) {
                pending.remove(callId);
                return;
            }
            if (call.recording() == null) {
                upload(call, file);
            }
            Files.delete(file);
            pending.remove(callId);
        } catch (IOException | RuntimeException e) {
            metrics.uploadFailed();
            Duration wait = backoff(failures);
            log.warn("recording of call {} not stored ({}); retrying in {} ms", callId, e.toString(), wait.toMillis());
            executor.schedule(() -> attempt(callId, failures + 1, false), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void upload(Call call, Path file) throws IOException {
        String key = RecordingKeys.key(call.tenantId(), call.callId(), call.createdAt());
        long size = Files.size(file);
        String retention = RecordingKeys.retentionTag(retentionDays(call));
        if (!files.put(key, file, retention) && !warnedUntagged) {
            warnedUntagged = true;
            log.warn("the S3 store does not implement object tags: recordings are stored without {}={} and kept for"
                    + " the bucket's maximum (only a local stand-in does this)", RecordingKeys.RETENTION_TAG, retention);
        }
        OptionalLong stored = files.size(key);
        if (stored.isEmpty() || stored.getAsLong() != size) {
            throw new IOException("uploaded " + size + " bytes to " + key + " but the bucket holds "
                    + (stored.isEmpty() ? "nothing" : stored.getAsLong() + " bytes"));
        }
        Recording recording = new Recording(WavDuration.seconds(file), size, clock.instant());
        if (!recordings.stored(call.callId(), call.tenantId(), recording)) {
            // Stored by an earlier attempt (the same object again), or deleted by its tenant meanwhile.
            if (calls.find(call.callId()).map(Call::recording).isEmpty()) {
                files.delete(key);
                log.info("call {} recording was deleted by its tenant; the upload is removed", call.callId());
                return;
            }
            log.info("call {} already had its recording; the upload only overwrote the same object", call.callId());
        }
        metrics.uploaded();
        log.info("call {} recording stored: {} ({} bytes, {} s)", call.callId(), key, size, recording.durationSeconds());
    }

    /** The tenant's timeline retention the call was accepted with, in days; null: kept. */
    private static Integer retentionDays(Call call) {
        if (call.timelineExpiresAt() == null) {
            return null;
        }
        long seconds = Duration.between(call.createdAt(), call.timelineExpiresAt()).toSeconds();
        return (int) ((seconds + DAY_SECONDS / 2) / DAY_SECONDS);
    }

    private Duration backoff(int failures) {
        Duration wait = config.firstRetry().multipliedBy(1L << Math.min(failures, 20));
        return wait.compareTo(config.maxRetry()) > 0 ? config.maxRetry() : wait;
    }

    private void countOverdue() {
        long overdue = 0;
        for (Path file : spoolFiles()) {
            try {
                Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), clock.instant());
                if (age.compareTo(config.overdueAfter()) > 0) {
                    overdue++;
                    log.warn("recording {} has waited {} min in the spool for its upload", file, age.toMinutes());
                }
            } catch (IOException gone) {
                // Uploaded meanwhile.
            }
        }
        metrics.overdue(overdue);
    }

    private Iterable<Path> spoolFiles() {
        try (var listing = Files.list(config.spool())) {
            return listing.filter(f -> f.getFileName().toString().endsWith(".wav") && Files.isRegularFile(f)).toList();
        } catch (IOException e) {
            log.warn("cannot read the recording spool {}: {}", config.spool(), e.toString());
            return java.util.List.of();
        }
    }

    private static String callIdOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".wav".length());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
