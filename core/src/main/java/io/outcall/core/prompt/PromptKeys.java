package io.outcall.core.prompt;

import io.outcall.core.tenant.TenantValidation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a prompt's files are, in the audio bucket and on the Asterisk host. Every part of a key
 * is checked against a strict pattern, so a key never climbs out of its tenant's folder.
 */
public final class PromptKeys {

    public static final String UPLOADS = "uploads/";
    public static final String PROMPTS = "prompts/";
    private static final Pattern UPLOAD_KEY = Pattern.compile(
            "uploads/(" + TenantValidation.TENANT_ID.pattern() + ")/(" + PromptLimits.NAME.pattern() + ")/([A-Za-z0-9]{10,40})\\.wav");

    /** One upload, as its key names it. */
    public record Upload(String tenantId, String name, String uploadId) {
    }

    private PromptKeys() {
    }

    public static String upload(String tenantId, String name, String uploadId) {
        return UPLOADS + tenantId + "/" + name + "/" + uploadId + ".wav";
    }

    /** The converted 8 kHz mono 16-bit PCM WAV. */
    public static String wav(String tenantId, String name) {
        return PROMPTS + tenantId + "/" + name + ".wav";
    }

    /** The G.711 µ-law copy (raw, as Asterisk's .ulaw files are). */
    public static String ulaw(String tenantId, String name) {
        return PROMPTS + tenantId + "/" + name + ".ulaw";
    }

    /** What Playback() is given: the path under Asterisk's sounds folder, no extension (Asterisk picks the format). */
    public static String playable(String tenantId, String name) {
        return "outcall/" + tenantId + "/" + name;
    }

    /** The upload a key names, or empty for a key that is not one (never converted). */
    public static Optional<Upload> parseUpload(String key) {
        Matcher m = UPLOAD_KEY.matcher(key);
        return m.matches() ? Optional.of(new Upload(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }
}
