package io.outcall.core.recording;

import java.time.Instant;

/**
 * A call's recording once it is safely in the audio bucket: the bridge writes it after the upload
 * was verified, never before.
 *
 * @param durationSeconds the audio's length, from the WAV header (rounded)
 * @param bytes           the object's size as S3 reported it after the upload
 * @param storedAt        when the upload was verified
 */
public record Recording(int durationSeconds, long bytes, Instant storedAt) {
}
