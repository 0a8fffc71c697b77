package io.outcall.core.prompt;

/** Why an upload did not become a playable prompt; {@link #code()} is what the API shows as {@code reason}. */
public enum Rejection {
    /** Zero bytes. */
    EMPTY("empty"),
    /** Over {@link PromptLimits#MAX_UPLOAD_BYTES}. */
    TOO_LARGE("too_large"),
    /** Not a sound file at all (whatever the content type said). */
    NOT_AUDIO("not_audio"),
    /** A sound file, but not a WAV, or a WAV whose encoding the JDK cannot decode (say which in the detail). */
    WRONG_FORMAT("wrong_format"),
    /** A WAV that cannot be read through: a header that lies about its length, a truncated body. */
    CORRUPT("corrupt"),
    /** Over {@link PromptLimits#MAX_DURATION}. */
    TOO_LONG("too_long");

    private final String code;

    Rejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Rejection ofCode(String code) {
        for (Rejection rejection : values()) {
            if (rejection.code.equals(code)) {
                return rejection;
            }
        }
        throw new IllegalArgumentException("no prompt rejection " + code);
    }
}
