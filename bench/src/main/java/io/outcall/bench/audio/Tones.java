package io.outcall.bench.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The WAVs a tenant might upload, made here: a 440 Hz tone of any length in 16-bit PCM at any rate
 * and channel count, so every run converts the same bytes.
 *
 * @param rate     samples a second per channel
 * @param channels 1 mono, 2 stereo
 * @param seconds  how long it plays
 */
record Tones(float rate, int channels, int seconds) {

    String label() {
        return String.format(java.util.Locale.ROOT, "%.1fkHz_%s_%ds", rate / 1000, channels == 1 ? "mono" : "stereo", seconds);
    }

    byte[] wav() {
        int frames = Math.round(rate * seconds);
        byte[] pcm = new byte[frames * channels * 2];
        for (int f = 0; f < frames; f++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * f / rate) * 12_000);
            for (int c = 0; c < channels; c++) {
                int at = (f * channels + c) * 2;
                pcm[at] = (byte) v;
                pcm[at + 1] = (byte) (v >> 8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, channels, true, false),
                    frames), AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
