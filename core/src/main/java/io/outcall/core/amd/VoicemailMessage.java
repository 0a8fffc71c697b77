package io.outcall.core.amd;

import java.util.regex.Pattern;

/**
 * What {@link AmdMode#LEAVE_MESSAGE} leaves on a machine.
 *
 * @param prompt           the sound Asterisk plays ({@code Playback}), a name under its sounds folder
 *                         without extension, e.g. {@code outcall/reminder}
 * @param waitForSilenceMs how much silence ends the greeting ({@code WaitForSilence}); the message
 *                         starts after it, so it is recorded whole, after the beep
 */
public record VoicemailMessage(String prompt, int waitForSilenceMs) {

    /** A sound name Playback finds under the sounds folder: path segments of safe characters, no "..", no extension. */
    public static final Pattern PROMPT = Pattern.compile("[A-Za-z0-9_-]{1,64}(/[A-Za-z0-9_-]{1,64}){0,3}");

    public static final int DEFAULT_WAIT_FOR_SILENCE_MS = 1500;
    public static final int MIN_WAIT_FOR_SILENCE_MS = 300;
    public static final int MAX_WAIT_FOR_SILENCE_MS = 10_000;
}
