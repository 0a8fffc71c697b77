package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The simulated offsets from the answer, against 44-amd-analysis.txt (script time, not wall time: the simulator
 * schedules each step at these offsets, scaled by SimulatorConfig#timeScale).
 */
class AmdAnalysisTest {

    private static final AmdParameters DEFAULTS = AmdParameters.DEFAULTS;

    @Test
    void humanAfterHelloAndAfterGreetingSilence() {
        // captured 1900-1922 ms: 500 ms Answer() wait + 0.6 s "Hello?" + 800 ms
        assertEquals(new AmdAnalysis.Verdict("HUMAN", "HUMAN-800-800", 1900),
                AmdAnalysis.analyse(FarEndAudio.HELLO, DEFAULTS));
    }

    @Test
    void machineOnceTheGreetingIsCounted() {
        // captured 2181 ms in all three runs
        assertEquals(new AmdAnalysis.Verdict("MACHINE", "LONGGREETING-1500-1500", 2181),
                AmdAnalysis.analyse(FarEndAudio.GREETING, DEFAULTS));
    }

    @Test
    void notSureWithoutAudioIsTooLongNotNoAudioData() {
        // captured 5013-5014 ms, TOOLONG-4900
        assertEquals(new AmdAnalysis.Verdict("NOTSURE", "TOOLONG-4900", 5000),
                AmdAnalysis.analyse(FarEndAudio.NONE, DEFAULTS));
    }

    @Test
    void voicemailIsLeftAfterTheGreetingsEndAndTheSilence() {
        // captured: WaitForSilence(1500,1,20) returned at +7581, VoicemailLeft at +10579
        long heard = FarEndAudio.GREETING.silenceHeardAt(2181, 1500);
        assertEquals(7581, heard);
        assertEquals(10_581, heard + AmdScript.PROMPT_MILLIS);
    }

    @Test
    void aDecisionLaterThanTheTotalAnalysisTimeIsNotSure() {
        AmdParameters longGreeting = new AmdParameters(2500, 6000, 800, 5000, 100, 50, 2, 256, 5000);
        assertEquals(new AmdAnalysis.Verdict("NOTSURE", "TOOLONG-5000", 5000),
                AmdAnalysis.analyse(FarEndAudio.GREETING, longGreeting));
    }
}
