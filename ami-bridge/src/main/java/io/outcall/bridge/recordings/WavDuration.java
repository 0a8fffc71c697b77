package io.outcall.bridge.recordings;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Path;

/** A recording's length from its WAV header, as MixMonitor wrote it. */
final class WavDuration {

    private WavDuration() {
    }

    /** Whole seconds, rounded; 0 for a header without samples (MixMonitor's {@code b} on a leg never bridged). */
    static int seconds(Path file) throws IOException {
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
            long frames = format.getFrameLength();
            float rate = format.getFormat().getFrameRate();
            if (frames <= 0 || rate <= 0) {
                return 0;
            }
            return Math.round(frames / rate);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("recording " + file + " is not a WAV file MixMonitor writes", e);
        }
    }
}
