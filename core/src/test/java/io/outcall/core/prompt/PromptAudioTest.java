package io.outcall.core.prompt;

import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conversion itself, on WAVs made here: the good one converted, each bad one refused with its reason. */
class PromptAudioTest {

    private final PromptAudio audio = new PromptAudio();

    @Test
    void aCdQualityStereoWavBecomes8kHzMono16BitAndMuLaw() throws Exception {
        ConvertedPrompt converted = audio.convert(PromptWavs.tone(44_100f, 2, 3.0));
        assertEquals(3000, converted.durationMillis());
        AudioInputStream wav = AudioSystem.getAudioInputStream(new ByteArrayInputStream(converted.wav()));
        assertEquals(AudioFileFormat.Type.WAVE, AudioSystem.getAudioFileFormat(new ByteArrayInputStream(converted.wav())).getType());
        AudioFormat format = wav.getFormat();
        assertEquals(8000f, format.getSampleRate());
        assertEquals(1, format.getChannels());
        assertEquals(16, format.getSampleSizeInBits());
        assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
        assertEquals(24_000, wav.getFrameLength(), 2.0);
        assertEquals(wav.getFrameLength(), converted.ulaw().length, "one µ-law byte per 8 kHz sample");
        short[] samples = samples(wav.readAllBytes());
        int peak = Arrays.stream(toInts(samples)).map(Math::abs).max().orElseThrow();
        assertTrue(peak > 5000, "the tone survives the conversion, peak " + peak);
    }

    @Test
    void zeroBytesAreEmpty() {
        assertEquals(Rejection.EMPTY, rejection(new byte[0]));
    }

    @Test
    void textWithAnAudioContentTypeIsNotAudio() {
        assertEquals(Rejection.NOT_AUDIO, rejection("<html>not a sound</html>".repeat(50).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHeaderThatAnnouncesMoreAudioThanTheFileHoldsIsCorrupt() throws Exception {
        byte[] wav = PromptWavs.tone(8000f, 1, 2.0);
        byte[] truncated = Arrays.copyOf(wav, wav.length / 2);
        PromptRejectedException e = assertThrows(PromptRejectedException.class, () -> audio.convert(truncated));
        assertEquals(Rejection.CORRUPT, e.rejection());
        assertTrue(e.getMessage().contains("announces"), e.getMessage());
    }

    @Test
    void overTenMegabytesIsTooLarge() {
        byte[] big = new byte[11 * 1024 * 1024];
        System.arraycopy(PromptWavs.tone(8000f, 1, 0.1), 0, big, 0, 44);
        assertEquals(Rejection.TOO_LARGE, rejection(big));
    }

    @Test
    void sixMinutesIsTooLong() {
        byte[] sixMinutes = PromptWavs.tone(8000f, 1, 360.0);
        assertTrue(sixMinutes.length < PromptLimits.MAX_UPLOAD_BYTES, "small enough that length is what is refused");
        assertEquals(Rejection.TOO_LONG, rejection(sixMinutes));
    }

    @Test
    void anAiffFileIsTheWrongFormat() throws Exception {
        PromptRejectedException e = assertThrows(PromptRejectedException.class, () -> audio.convert(PromptWavs.aiff()));
        assertEquals(Rejection.WRONG_FORMAT, e.rejection());
        assertTrue(e.getMessage().contains("AIFF"), e.getMessage());
    }

    @Test
    void aCompressedWavIsTheWrongFormat() {
        byte[] wav = PromptWavs.tone(8000f, 1, 1.0);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 2);   // format tag 2: MS ADPCM
        assertEquals(Rejection.WRONG_FORMAT, rejection(wav));
    }

    private Rejection rejection(byte[] upload) {
        return assertThrows(PromptRejectedException.class, () -> audio.convert(upload)).rejection();
    }

    private static short[] samples(byte[] pcm) {
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static int[] toInts(short[] samples) {
        int[] ints = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            ints[i] = samples[i];
        }
        return ints;
    }
}
