package io.outcall.pbxsim;

/**
 * What app_amd decides for a far end's audio, and when (milliseconds after the answer). Modelled on the transcripts
 * (ami-traces 44-amd-analysis.txt): HUMAN = end of speech + after_greeting_silence (1900 at the defaults);
 * MACHINE = greeting milliseconds of counted voice (LONGGREETING, 2181); no frames = NOTSURE after
 * total_analysis_time with the cause app_amd really sets, {@code TOOLONG-<total - 100>} (49 counted 100 ms waits);
 * anything that would come after total_analysis_time is NOTSURE {@code TOOLONG-<total>} then. Not modelled:
 * INITIALSILENCE (needs silence frames, which no simulated far end sends), MAXWORDS and MAXWORDLENGTH (the
 * transcripts' audio never reaches them); min_word_length, between_words_silence, maximum_number_of_words,
 * silence_threshold and maximum_word_length are carried but do not change the result.
 */
final class AmdAnalysis {

    /** A result as AMDSTATUS and AMDCAUSE carry it. */
    record Verdict(String status, String cause, long atMillis) {
        boolean machine() {
            return status.equals("MACHINE");
        }
    }

    /** AMDSTATUS when the channel hangs up during the analysis: AMDCAUSE is empty (43). */
    static final Verdict HANGUP = new Verdict("HANGUP", "", -1);

    private AmdAnalysis() {
    }

    static Verdict analyse(FarEndAudio audio, AmdParameters p) {
        long total = p.totalAnalysisTime();
        if (!audio.hasVoice()) {
            return new Verdict("NOTSURE", "TOOLONG-" + Math.max(0, total / 100 * 100 - 100), total);
        }
        Verdict decided = p.greeting() <= audio.countedVoice()
                ? new Verdict("MACHINE", "LONGGREETING-" + p.greeting() + "-" + p.greeting(),
                        audio.whenCounted(p.greeting()))
                : new Verdict("HUMAN", "HUMAN-" + p.afterGreetingSilence() + "-" + p.afterGreetingSilence(),
                        audio.voiceEnd + p.afterGreetingSilence());
        return decided.atMillis() <= total ? decided : new Verdict("NOTSURE", "TOOLONG-" + total, total);
    }
}
