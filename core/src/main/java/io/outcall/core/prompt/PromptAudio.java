package io.outcall.core.prompt;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Converts an uploaded WAV to what Asterisk plays as is, with the JDK's own audio classes: decode
 * to 16-bit PCM at the upload's rate, mix the channels down to one, resample to 8 kHz, and encode
 * the µ-law copy. Everything is checked before anything is produced, so a refused upload yields
 * nothing at all.
 */
public final class PromptAudio {

    private static final AudioFormat TELEPHONY = new AudioFormat(8000f, 16, 1, true, false);
    private static final AudioFormat ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, false);
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};

    public ConvertedPrompt convert(byte[] upload) throws PromptRejectedException {
        if (upload.length == 0) {
            throw new PromptRejectedException(Rejection.EMPTY, "the upload has no bytes; upload the WAV file itself");
        }
        if (upload.length > PromptLimits.MAX_UPLOAD_BYTES) {
            throw new PromptRejectedException(Rejection.TOO_LARGE, "the upload has " + upload.length
                    + " bytes; a prompt may have " + PromptLimits.MAX_UPLOAD_BYTES + " at most");
        }
        AudioInputStream source = open(upload);
        AudioFormat format = source.getFormat();
        short[] mono = monoSamples(source, format, source.getFrameLength());
        long durationMillis = Math.round(mono.length * 1000.0 / format.getSampleRate());
        if (durationMillis > PromptLimits.MAX_DURATION.toMillis()) {
            throw new PromptRejectedException(Rejection.TOO_LONG, "the recording lasts " + durationMillis / 1000
                    + " s; a prompt may last " + PromptLimits.MAX_DURATION.toSeconds() + " s at most");
        }
        byte[] telephony = resample(mono, format.getSampleRate());
        return new ConvertedPrompt(wav(telephony), ulaw(telephony), durationMillis);
    }

    private static AudioInputStream open(byte[] upload) throws PromptRejectedException {
        AudioFileFormat file;
        try {
            file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(upload));
        } catch (UnsupportedAudioFileException | IOException e) {
            boolean riff = upload.length >= 4 && java.util.Arrays.equals(upload, 0, 4, RIFF, 0, 4);
            throw riff
                    ? new PromptRejectedException(Rejection.WRONG_FORMAT, "a RIFF file the JDK cannot read as PCM, µ-law or"
                            + " A-law WAV (a compressed WAV such as ADPCM or MP3-in-WAV?); upload uncompressed PCM WAV", e)
                    : new PromptRejectedException(Rejection.NOT_AUDIO, "the upload is not a sound file; upload a WAV", e);
        } catch (RuntimeException e) {
            throw new PromptRejectedException(Rejection.CORRUPT, "the WAV header cannot be read: " + e.getMessage(), e);
        }
        if (file.getType() != AudioFileFormat.Type.WAVE) {
            throw new PromptRejectedException(Rejection.WRONG_FORMAT, "an " + file.getType() + " file; upload a WAV");
        }
        AudioFormat.Encoding encoding = file.getFormat().getEncoding();
        if (!encoding.equals(AudioFormat.Encoding.PCM_SIGNED) && !encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED)
                && !encoding.equals(AudioFormat.Encoding.ULAW) && !encoding.equals(AudioFormat.Encoding.ALAW)) {
            throw new PromptRejectedException(Rejection.WRONG_FORMAT, "a WAV in " + encoding
                    + "; upload PCM (or µ-law, A-law)");
        }
        try {
            return AudioSystem.getAudioInputStream(new ByteArrayInputStream(upload));
        } catch (UnsupportedAudioFileException | IOException | RuntimeException e) {
            throw new PromptRejectedException(Rejection.CORRUPT, "the WAV cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Every frame as 16-bit PCM, channels averaged. A header that announces more frames than the
     * file holds is a lie, and the file is corrupt: it is refused rather than played short.
     */
    private static short[] monoSamples(AudioInputStream source, AudioFormat format, long announcedFrames)
            throws PromptRejectedException {
        int channels = format.getChannels();
        if (channels < 1 || format.getSampleRate() <= 0) {
            throw new PromptRejectedException(Rejection.CORRUPT, "the WAV header says " + channels + " channel(s) at "
                    + format.getSampleRate() + " Hz");
        }
        AudioFormat pcm = new AudioFormat(format.getSampleRate(), 16, channels, true, false);
        byte[] bytes;
        try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm, source)) {
            bytes = decoded.readAllBytes();
        } catch (IOException | IllegalArgumentException e) {
            throw new PromptRejectedException(Rejection.WRONG_FORMAT, "a WAV of " + format + " cannot be decoded to PCM: "
                    + e.getMessage(), e);
        }
        int frameBytes = 2 * channels;
        long frames = bytes.length / frameBytes;
        if (announcedFrames > 0 && frames < announcedFrames) {
            throw new PromptRejectedException(Rejection.CORRUPT, "the WAV header announces " + announcedFrames
                    + " frames but the file holds " + frames + " (truncated, or a header that lies)");
        }
        if (frames == 0) {
            throw new PromptRejectedException(Rejection.CORRUPT, "the WAV holds no audio frames");
        }
        short[] mono = new short[(int) frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = f * frameBytes + 2 * c;
                sum += (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
            }
            mono[f] = (short) (sum / channels);
        }
        return mono;
    }

    /** 16-bit mono at 8 kHz: the JDK's own resampler. */
    private static byte[] resample(short[] mono, float rate) {
        byte[] bytes = new byte[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            bytes[2 * i] = (byte) mono[i];
            bytes[2 * i + 1] = (byte) (mono[i] >> 8);
        }
        if (rate == TELEPHONY.getSampleRate()) {
            return bytes;
        }
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes),
                new AudioFormat(rate, 16, 1, true, false), mono.length);
        try (AudioInputStream out = AudioSystem.getAudioInputStream(TELEPHONY, in)) {
            return out.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("resampling in memory failed", e);
        }
    }

    private static byte[] wav(byte[] telephony) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(telephony.length + 44);
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(telephony), TELEPHONY, telephony.length / 2),
                    AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a WAV in memory failed", e);
        }
        return out.toByteArray();
    }

    private static byte[] ulaw(byte[] telephony) {
        AudioInputStream pcm = new AudioInputStream(new ByteArrayInputStream(telephony), TELEPHONY, telephony.length / 2);
        try (AudioInputStream out = AudioSystem.getAudioInputStream(ULAW, pcm)) {
            return out.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("µ-law encoding in memory failed", e);
        }
    }
}
