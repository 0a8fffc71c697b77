package io.outcall.core.prompt;

import java.time.Duration;
import java.util.regex.Pattern;

/** The rules a prompt's name and audio must meet. */
public final class PromptLimits {

    /** Lower case, digits, '-' and '_', starting with a letter or digit: a file name and a dialplan path, no escaping. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    public static final Duration MAX_DURATION = Duration.ofMinutes(5);
    /** The only content type an upload URL is signed for. */
    public static final String CONTENT_TYPE = "audio/wav";
    /** How long a presigned upload URL works. */
    public static final Duration UPLOAD_URL_VALIDITY = Duration.ofMinutes(5);

    private PromptLimits() {
    }
}
