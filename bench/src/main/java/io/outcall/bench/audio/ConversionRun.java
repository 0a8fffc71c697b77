package io.outcall.bench.audio;

import io.outcall.core.prompt.ConvertedPrompt;
import io.outcall.core.prompt.PromptAudio;
import io.outcall.core.prompt.PromptRejectedException;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * (a) What a prompt's conversion costs per minute of audio: the real {@link PromptAudio} on WAVs of
 * several rates, channel counts and lengths, each timed beside two floors on the same bytes in the
 * same loop (so load weighs on all alike): a plain copy of the upload, and the JDK decoding its
 * frames and nothing else (what any conversion must at least do).
 */
final class ConversionRun {

    static final List<Tones> UPLOADS = List.of(
            new Tones(8_000f, 1, 10), new Tones(8_000f, 1, 60), new Tones(8_000f, 1, 300),
            new Tones(44_100f, 2, 10), new Tones(44_100f, 2, 55),
            new Tones(48_000f, 1, 10), new Tones(48_000f, 1, 60), new Tones(48_000f, 2, 30));

    private final PromptAudio audio = new PromptAudio();
    private final int rounds;

    ConversionRun(int rounds) {
        this.rounds = rounds;
    }

    /** One line per upload; the last line sums them up over all minutes converted. */
    void run() throws Exception {
        double convertTotal = 0;
        double decodeTotal = 0;
        double copyTotal = 0;
        double minutesTotal = 0;
        for (Tones tones : UPLOADS) {
            byte[] wav = tones.wav();
            for (int i = 0; i < 3; i++) { // the JIT's warm-up, not measured
                convert(wav);
                decode(wav);
            }
            List<Double> convert = new ArrayList<>();
            List<Double> decode = new ArrayList<>();
            List<Double> copy = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                convert.add(timed(() -> convert(wav)));
                decode.add(timed(() -> decode(wav)));
                copy.add(timed(() -> wav.clone().length));
            }
            double minutes = tones.seconds() / 60.0;
            double c = Spread.of(convert).p50() / minutes;
            double d = Spread.of(decode).p50() / minutes;
            double k = Spread.of(copy).p50() / minutes;
            System.out.printf(Locale.ROOT, "conversion upload=%s bytes=%d convert_ms_per_min=%.1f decode_floor_ms_per_min=%.1f"
                            + " copy_floor_ms_per_min=%.2f ratio_to_decode=%.1f%n",
                    tones.label(), wav.length, c, d, k, c / d);
            convertTotal += Spread.of(convert).p50();
            decodeTotal += Spread.of(decode).p50();
            copyTotal += Spread.of(copy).p50();
            minutesTotal += minutes;
        }
        System.out.printf(Locale.ROOT, "conversion uploads=%d minutes=%.1f convert_ms_per_min=%.1f decode_floor_ms_per_min=%.1f"
                        + " copy_floor_ms_per_min=%.2f ratio_to_decode=%.1f%n", UPLOADS.size(), minutesTotal,
                convertTotal / minutesTotal, decodeTotal / minutesTotal, copyTotal / minutesTotal, convertTotal / decodeTotal);
    }

    private long convert(byte[] wav) {
        try {
            ConvertedPrompt converted = audio.convert(wav);
            return converted.wav().length + converted.ulaw().length;
        } catch (PromptRejectedException e) {
            throw new IllegalStateException("the benchmark's own WAV was refused: " + e.getMessage(), e);
        }
    }

    /** The floor: the JDK reading every frame of the upload, as the conversion starts by doing. */
    private static long decode(byte[] wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            return in.readAllBytes().length;
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new IllegalStateException("the benchmark's own WAV could not be read", e);
        }
    }

    /** Milliseconds {@code work} took; its result is kept so the JIT cannot drop the work. */
    private static double timed(java.util.function.LongSupplier work) {
        long start = System.nanoTime();
        long result = work.getAsLong();
        double ms = (System.nanoTime() - start) / 1e6;
        if (result < 0) {
            throw new IllegalStateException("a negative size");
        }
        return ms;
    }
}
