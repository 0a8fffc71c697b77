package io.outcall.core.prompt;

import java.time.Clock;
import java.util.Optional;

/**
 * What happens when an upload lands: for the prompt's current upload only, convert it, write the
 * converted files, then mark the prompt ready (or rejected, with nothing written); the upload is
 * deleted either way. A prompt deleted or re-uploaded meanwhile keeps nothing of this upload.
 */
public final class PromptConversion {

    /** What became of one upload, for the function's log line. */
    public record Outcome(String key, String result, String detail) {
    }

    private final PromptStore prompts;
    private final PromptFiles files;
    private final PromptAudio audio;
    private final Clock clock;

    public PromptConversion(PromptStore prompts, PromptFiles files, PromptAudio audio, Clock clock) {
        this.prompts = prompts;
        this.files = files;
        this.audio = audio;
        this.clock = clock;
    }

    /** @param size the object's size as the event says, checked before anything is read */
    public Outcome convert(String key, long size) {
        Optional<PromptKeys.Upload> parsed = PromptKeys.parseUpload(key);
        if (parsed.isEmpty()) {
            files.deleteUpload(key);
            return new Outcome(key, "ignored", "not an upload key uploads/<tenant>/<name>/<uploadId>.wav");
        }
        PromptKeys.Upload upload = parsed.get();
        Optional<Prompt> prompt = prompts.find(upload.tenantId(), upload.name());
        if (prompt.isEmpty() || prompt.get().state() != PromptState.UPLOADING
                || !prompt.get().uploadId().equals(upload.uploadId())) {
            files.deleteUpload(key);
            return new Outcome(key, "stale", "the prompt is gone or awaits another upload");
        }
        Outcome outcome;
        try {
            if (size > PromptLimits.MAX_UPLOAD_BYTES) {
                throw new PromptRejectedException(Rejection.TOO_LARGE, "the upload has " + size + " bytes; a prompt may have "
                        + PromptLimits.MAX_UPLOAD_BYTES + " at most");
            }
            Optional<byte[]> bytes = files.readUpload(key);
            if (bytes.isEmpty()) {
                return new Outcome(key, "stale", "the upload is gone");
            }
            ConvertedPrompt converted = audio.convert(bytes.get());
            files.putConverted(upload.tenantId(), upload.name(), converted);
            if (prompts.markReady(upload.tenantId(), upload.name(), upload.uploadId(), converted.durationMillis(),
                    clock.instant())) {
                outcome = new Outcome(key, "ready", converted.durationMillis() + " ms");
            } else {
                // Deleted or re-uploaded while converting: what was just written belongs to no ready prompt.
                files.deleteConverted(upload.tenantId(), upload.name());
                outcome = new Outcome(key, "stale", "the prompt changed while converting");
            }
        } catch (PromptRejectedException e) {
            prompts.markRejected(upload.tenantId(), upload.name(), upload.uploadId(), e.rejection(), e.getMessage(),
                    clock.instant());
            outcome = new Outcome(key, "rejected", e.rejection().code() + ": " + e.getMessage());
        }
        files.deleteUpload(key);
        return outcome;
    }
}
