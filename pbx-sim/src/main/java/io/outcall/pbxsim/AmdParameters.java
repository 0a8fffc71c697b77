package io.outcall.pbxsim;

import java.util.ArrayList;
import java.util.List;

/**
 * AMD()'s nine arguments in Asterisk's order, from the {@code OUTCALL_AMD_*} channel variables. An absent, empty or
 * non-numeric value means amd.conf's value, which is app_amd's built-in default (ami-traces/asterisk-config/amd.conf).
 * Only greeting, after_greeting_silence and total_analysis_time change what the simulated far ends produce; the
 * others are carried into the AMD() step as given (see {@link AmdAnalysis}).
 */
record AmdParameters(int initialSilence, int greeting, int afterGreetingSilence, int totalAnalysisTime,
                     int minWordLength, int betweenWordsSilence, int maxNumberOfWords, int silenceThreshold,
                     int maxWordLength) {

    /** The variable names, in AMD()'s argument order. */
    static final List<String> VARIABLES = List.of(
            "OUTCALL_AMD_INITIAL_SILENCE",
            "OUTCALL_AMD_GREETING",
            "OUTCALL_AMD_AFTER_GREETING_SILENCE",
            "OUTCALL_AMD_TOTAL_ANALYSIS_TIME",
            "OUTCALL_AMD_MIN_WORD_LENGTH",
            "OUTCALL_AMD_BETWEEN_WORDS_SILENCE",
            "OUTCALL_AMD_MAX_NUMBER_OF_WORDS",
            "OUTCALL_AMD_SILENCE_THRESHOLD",
            "OUTCALL_AMD_MAX_WORD_LENGTH");

    /** amd.conf of the transcripts = amd.conf.sample = app_amd's built-in defaults. */
    static final AmdParameters DEFAULTS = new AmdParameters(2500, 1500, 800, 5000, 100, 50, 2, 256, 5000);

    static AmdParameters from(OriginateRequest req) {
        int[] d = DEFAULTS.asArray();
        int[] v = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            v[i] = positiveOr(req.variable(VARIABLES.get(i)), d[i]);
        }
        return new AmdParameters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** The AMD() step's AppData as Asterisk shows it once ${OUTCALL_AMD_*} are substituted: raw values, empty if unset. */
    static String appData(OriginateRequest req) {
        List<String> raw = new ArrayList<>(VARIABLES.size());
        for (String name : VARIABLES) {
            raw.add(req.variable(name));
        }
        return String.join(",", raw);
    }

    private int[] asArray() {
        return new int[] {initialSilence, greeting, afterGreetingSilence, totalAnalysisTime, minWordLength,
                betweenWordsSilence, maxNumberOfWords, silenceThreshold, maxWordLength};
    }

    private static int positiveOr(String value, int fallback) {
        try {
            int parsed = Integer.parseInt(value.strip());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
