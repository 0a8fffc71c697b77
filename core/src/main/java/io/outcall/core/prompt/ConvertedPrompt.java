package io.outcall.core.prompt;

/**
 * What Asterisk plays without transcoding.
 *
 * @param wav  8 kHz mono 16-bit signed little-endian PCM in a WAV file
 * @param ulaw the same samples as raw G.711 µ-law, 8 kHz (Asterisk's .ulaw)
 */
public record ConvertedPrompt(byte[] wav, byte[] ulaw, long durationMillis) {
}
