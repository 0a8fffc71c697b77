package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call originated with {@code OUTCALL_RECORD=1} records like {@code MixMonitor(${CALL_ID}.wav)} without option
 * b (ami-traces 42 whole call): VarSet MIXMONITOR_FILENAME then MixMonitorStart on {@code ;1} right after the
 * answer, no MixMonitorStop (the channel hangs up with the recording running), and a real WAV in the spool,
 * complete by the time its Hangup is heard.
 */
class MixMonitorTest {

    @TempDir
    static Path spool;
    private static PbxSimulator pbx;

    @BeforeAll
    static void start() throws Exception {
        pbx = PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(0.01).recordingSpool(spool).build());
    }

    @AfterAll
    static void stop() {
        pbx.close();
    }

    @Test
    void aRecordedCallSendsTheTranscriptsEventsAndLeavesItsWav() throws Exception {
        String id = "01M8SS75J7TT8XM74CRPAA0Z8H";
        List<RawAmiClient.Msg> events = AmdCalls.run(pbx, "+17065551231", "DynamicIVR", id,
                Map.of("TRANSFER_NUMBER", "+14045550199", "OUTCALL_RECORD", "1"));

        List<String> lines = AmdCalls.describe(events, m -> m.event().startsWith("MixMonitor")
                || "MIXMONITOR_FILENAME".equals(m.get("Variable")) || m.event().equals("Hangup")
                || m.event().equals("Newstate"));
        Path file = spool.resolve(id + ".wav");
        int up = lines.indexOf("Newstate O;1 Up");
        int fileName = lines.indexOf("VarSet O;1 MIXMONITOR_FILENAME=" + file.toAbsolutePath());
        assertTrue(up >= 0 && fileName > up, "after the answer: " + String.join("\n", lines));
        assertEquals("MixMonitorStart O;1", lines.get(fileName + 1), "right after the file name, as in transcript 42");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("MixMonitorStop")), "a hang-up closes it silently");
        RawAmiClient.Msg start = events.stream().filter(m -> m.event().equals("MixMonitorStart")).findFirst().orElseThrow();
        assertEquals("call,all", start.get("Privilege"));
        assertEquals(id, start.get("Uniqueid"));

        // AmdCalls.run returns after the Hangups arrived: the file is already whole.
        AudioFileFormat wav = AudioSystem.getAudioFileFormat(file.toFile());
        AudioFormat format = wav.getFormat();
        assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
        assertEquals(8000f, format.getSampleRate());
        assertEquals(1, format.getChannels());
        assertEquals(16, format.getSampleSizeInBits());
        assertEquals(44 + 2L * wav.getFrameLength(), Files.size(file));
        // The IVR's menu waits 1 s and the transfer talks before the hang-up: seconds of audio, in script time.
        assertTrue(wav.getFrameLength() > 8000, "answered time, in samples: " + wav.getFrameLength());
    }

    @Test
    void aCallNotRecordedHasNoMixMonitorAndNoFile() throws Exception {
        String id = "01M8SS75J7TT8XM74CRPAA0Z8J";
        List<RawAmiClient.Msg> events = AmdCalls.run(pbx, "+17065551231", "DynamicIVR", id,
                Map.of("TRANSFER_NUMBER", "+14045550199"));
        assertFalse(events.stream().anyMatch(m -> m.event().startsWith("MixMonitor")));
        assertFalse(new File(spool.toFile(), id + ".wav").exists());
    }
}
