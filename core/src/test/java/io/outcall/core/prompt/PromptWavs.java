package io.outcall.core.prompt;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Sound files made in the test: a 440 Hz tone in any rate and channel count, as WAV or AIFF. */
public final class PromptWavs {

    private PromptWavs() {
    }

    public static byte[] tone(float rate, int channels, double seconds) {
        return write(rate, channels, seconds, AudioFileFormat.Type.WAVE);
    }

    public static byte[] aiff() {
        return write(8000f, 1, 0.5, AudioFileFormat.Type.AIFF);
    }

    private static byte[] write(float rate, int channels, double seconds, AudioFileFormat.Type type) {
        int frames = (int) Math.round(rate * seconds);
        boolean bigEndian = type == AudioFileFormat.Type.AIFF;
        byte[] pcm = new byte[frames * channels * 2];
        for (int f = 0; f < frames; f++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * f / rate) * 12_000);
            for (int c = 0; c < channels; c++) {
                int at = (f * channels + c) * 2;
                pcm[at + (bigEndian ? 1 : 0)] = (byte) v;
                pcm[at + (bigEndian ? 0 : 1)] = (byte) (v >> 8);
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, bigEndian);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames), type, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
