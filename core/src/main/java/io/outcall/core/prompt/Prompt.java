package io.outcall.core.prompt;

import java.time.Instant;

/**
 * A tenant's named sound. While {@link PromptState#UPLOADING}, only an upload carrying the current
 * {@code uploadId} can make it ready or rejected: a stale upload (an earlier URL used late) is
 * ignored.
 *
 * @param rejection      set when rejected; {@code detail} says what exactly, for the tenant to fix
 * @param durationMillis set when ready
 * @param bytes          the size of the current upload, exactly as its URL is signed for (S3 takes no
 *                       other); null for a prompt stored before sizes were kept
 */
public record Prompt(String tenantId, String name, PromptState state, String uploadId, Rejection rejection,
                     String detail, Long durationMillis, Long bytes, Instant createdAt, Instant updatedAt) {

    public static Prompt uploading(String tenantId, String name, String uploadId, long bytes, Instant now) {
        return new Prompt(tenantId, name, PromptState.UPLOADING, uploadId, null, null, null, bytes, now, now);
    }

    public boolean ready() {
        return state == PromptState.READY;
    }
}
