package io.outcall.core.prompt;

import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.validation.JsonFields;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a tenant's administrator does with prompts: start an upload (a fresh upload id, and a URL
 * signed for that upload only), read them, delete one with its files. Every change is audited.
 */
public final class TenantPrompts {

    /** An upload started: the prompt as it is now, and where and how to PUT the WAV. */
    public record Upload(Prompt prompt, URI url, long bytes, Instant expiresAt) {
    }

    private final PromptStore prompts;
    private final PromptFiles files;
    private final UploadUrls urls;
    private final SecureRandom random;
    private final Clock clock;

    public TenantPrompts(PromptStore prompts, PromptFiles files, UploadUrls urls, SecureRandom random, Clock clock) {
        this.prompts = prompts;
        this.files = files;
        this.urls = urls;
        this.random = random;
        this.clock = clock;
    }

    /**
     * @param bytes the size the client declares; the URL is signed for exactly that many
     * @throws InvalidPromptException naming {@code name} or {@code bytes}
     * @throws PromptReadyException when a ready prompt has the name
     */
    public Upload startUpload(String actor, String tenantId, String name, Long bytes) {
        checkName(name);
        if (bytes == null || bytes < 1 || bytes > PromptLimits.MAX_UPLOAD_BYTES) {
            throw new InvalidPromptException("bytes", "must be the WAV file's size in bytes, 1 to "
                    + PromptLimits.MAX_UPLOAD_BYTES + " (10 MB); the upload URL is signed for exactly that size");
        }
        Instant now = clock.instant();
        byte[] id = new byte[16];
        random.nextBytes(id);
        String uploadId = HexFormat.of().formatHex(id);
        Prompt prompt = Prompt.uploading(tenantId, name, uploadId, bytes, now);
        prompts.startUpload(prompt, new AuditEntry(tenantId, now, actor, "prompt.upload_started", name,
                List.of(new AuditEntry.Change("bytes", null, Long.toString(bytes)))));
        Instant expiresAt = now.plus(PromptLimits.UPLOAD_URL_VALIDITY);
        URI url = urls.put(PromptKeys.upload(tenantId, name, uploadId), PromptLimits.CONTENT_TYPE, bytes,
                PromptLimits.UPLOAD_URL_VALIDITY);
        return new Upload(prompt, url, bytes, expiresAt);
    }

    public Optional<Prompt> find(String tenantId, String name) {
        checkName(name);
        return prompts.find(tenantId, name);
    }

    public List<Prompt> list(String tenantId) {
        return prompts.list(tenantId);
    }

    /**
     * The files go first, then the record: a failure in between leaves the record, so the DELETE
     * can be sent again, rather than files no record names.
     *
     * @return false when the tenant has no such prompt
     */
    public boolean delete(String actor, String tenantId, String name) {
        checkName(name);
        if (prompts.find(tenantId, name).isEmpty()) {
            return false;
        }
        files.deleteConverted(tenantId, name);
        return prompts.delete(tenantId, name, new AuditEntry(tenantId, clock.instant(), actor, "prompt.deleted", name,
                List.of()));
    }

    /** @throws InvalidPromptException naming {@code field} unless {@code name} meets {@link PromptLimits#NAME} */
    public static void checkName(String name, String field) {
        if (name == null || name.isEmpty()) {
            throw new InvalidPromptException(field, "is required: the prompt's name, e.g. welcome-message");
        }
        int control = JsonFields.firstControlCharacter(name);
        if (control >= 0) {
            throw new InvalidPromptException(field, "contains a control character (code " + control
                    + "); a prompt's name is lower-case letters, digits, '-' and '_'");
        }
        if (!PromptLimits.NAME.matcher(name).matches()) {
            throw new InvalidPromptException(field, "must match " + PromptLimits.NAME.pattern() + ": lower-case letters,"
                    + " digits, '-' and '_', starting with a letter or digit, at most 63 characters (no '/' or '.')");
        }
    }

    private static void checkName(String name) {
        checkName(name, "name");
    }
}
