package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transcripts' own {@code [AmdIVR]} context, replayed with the transcripts' numbers and ids, against the raw
 * captures: every event (noise included) on its leg with its fields. From the {@code ;1} half's first AmdIVR step
 * on, the order must be the captured one; before it (the answer phase, whose order varied in every scenario's
 * three runs, 44-amd-analysis.txt) the same events must be there, in any order. The OriginateResponse, which came
 * anywhere within the answer's millisecond (even after AMD() started, 45), and DeviceStateChange, published from
 * another thread and in varying numbers (41 has a stray NOT_INUSE), are compared apart: the OriginateResponse as
 * is, the device states as the set of states reported. So is the far end's own {@code VarSet O;2 PLAYBACKSTATUS},
 * which its thread reports when {@code ;1}'s hang-up interrupts it: after {@code Hangup O;1} in 40, before in 41.
 */
class AmdTranscriptFidelityTest {

    private static final String FAR_END_PLAYBACK = "VarSet O;2 PLAYBACKSTATUS";
    private static PbxSimulator pbx;

    @BeforeAll
    static void start() throws Exception {
        pbx = SimulatorTestSupport.fastSimulator(ReorderMode.off());
    }

    @AfterAll
    static void stop() {
        pbx.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "40-amd-human, +17065554061, " + AmdCalls.HUMAN_ID,
            "41-amd-machine, +17065554162, " + AmdCalls.MACHINE_ID,
            "43-amd-hangup-during-analysis, +17065554363, " + AmdCalls.HANGUP_ID,
            "45-amd-notsure-no-audio, +17065554566, " + AmdCalls.NOTSURE_ID})
    void rawStreamMatches(String trace, String number, String id) throws Exception {
        List<String> expected = AmdCalls.describe(AmdCalls.transcript(trace), m -> true);
        List<String> actual = AmdCalls.describe(AmdCalls.run(pbx, number, "AmdIVR", id, Map.of()), m -> true);
        assertEquals(answerPhase(expected), answerPhase(actual), "answer phase, any order");
        assertEquals(apart(expected, "OriginateResponse").toList(), apart(actual, "OriginateResponse").toList());
        assertEquals(apart(expected, FAR_END_PLAYBACK).toList(), apart(actual, FAR_END_PLAYBACK).toList());
        assertEquals(apart(expected, "DeviceStateChange").distinct().toList(),
                apart(actual, "DeviceStateChange").distinct().toList(), "device states reported");
        assertEquals(String.join("\n", fromAmdIvr(expected)), String.join("\n", fromAmdIvr(actual)));
    }

    private static int amdIvrStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Newexten O;1 AmdIVR,")) {
                return i;
            }
        }
        throw new AssertionError("the ;1 half never entered AmdIVR:\n" + String.join("\n", lines));
    }

    private static boolean comparedApart(String line) {
        return line.startsWith("DeviceStateChange") || line.startsWith("OriginateResponse")
                || line.startsWith(FAR_END_PLAYBACK);
    }

    private static List<String> answerPhase(List<String> lines) {
        return lines.subList(0, amdIvrStart(lines)).stream().filter(l -> !comparedApart(l)).sorted().toList();
    }

    private static Stream<String> apart(List<String> lines, String event) {
        return lines.stream().filter(l -> l.startsWith(event)).sorted();
    }

    private static List<String> fromAmdIvr(List<String> lines) {
        return lines.subList(amdIvrStart(lines), lines.size()).stream().filter(l -> !comparedApart(l)).toList();
    }
}
