package io.outcall.pbxsim;

/**
 * What the far end sends AMD after answering, as in the AMD transcripts (ami-traces 40-45). Times are milliseconds
 * after the answer; the far end's Answer() waits 500 ms for a media frame that AMD never sends, so speech starts
 * at +500 whatever the outcome.
 *
 * @param voiceStart      first voice frame, or -1 for a far end that sends no frames at all
 * @param voiceEnd        last voice frame (the end of the greeting and beep for a machine)
 * @param countedPerWall  voice milliseconds AMD counts per millisecond of speech, as numerator/denominator:
 *                        the machine greeting's short gaps between words do not count (1500 ms counted at +2181)
 */
enum FarEndAudio {
    /** No frames (Wait()): app_amd gives NOTSURE at total_analysis_time (45). */
    NONE(-1, -1, 1, 1),
    /** outcall-test/human: "Hello?", 0.61 s of speech, then silence (40). */
    HELLO(500, 1100, 1, 1),
    /** outcall-test/machine: 5.09 s greeting and a 0.5 s beep, then silence (41). */
    GREETING(500, 6081, 1500, 1681);

    final long voiceStart;
    final long voiceEnd;
    final long countedNumerator;
    final long countedDenominator;

    FarEndAudio(long voiceStart, long voiceEnd, long countedNumerator, long countedDenominator) {
        this.voiceStart = voiceStart;
        this.voiceEnd = voiceEnd;
        this.countedNumerator = countedNumerator;
        this.countedDenominator = countedDenominator;
    }

    boolean hasVoice() {
        return voiceStart >= 0;
    }

    /** Voice milliseconds AMD has counted once the speech is over. */
    long countedVoice() {
        return (voiceEnd - voiceStart) * countedNumerator / countedDenominator;
    }

    /** When AMD's count of voice reaches {@code counted} milliseconds. */
    long whenCounted(long counted) {
        return voiceStart + (counted * countedDenominator + countedNumerator - 1) / countedNumerator;
    }

    /** When WaitForSilence, started at {@code now}, has heard {@code silenceMillis} of silence. */
    long silenceHeardAt(long now, long silenceMillis) {
        return Math.max(now, hasVoice() ? voiceEnd : 0) + silenceMillis;
    }
}
