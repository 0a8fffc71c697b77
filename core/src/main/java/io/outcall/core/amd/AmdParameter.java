package io.outcall.core.amd;

/**
 * One argument of Asterisk's {@code AMD()} application, in the application's own order, with
 * app_amd's built-in default (the values of Asterisk 22's {@code amd.conf.sample}, also the
 * ami-traces' {@code amd.conf}) and the bounds this platform accepts. The bounds keep a call from
 * being analysed for longer than a person waits, or with a setting app_amd cannot work with.
 */
public enum AmdParameter {
    INITIAL_SILENCE("initialSilenceMs", "OUTCALL_AMD_INITIAL_SILENCE", 2500, 500, 10_000),
    GREETING("greetingMs", "OUTCALL_AMD_GREETING", 1500, 500, 10_000),
    AFTER_GREETING_SILENCE("afterGreetingSilenceMs", "OUTCALL_AMD_AFTER_GREETING_SILENCE", 800, 100, 5_000),
    TOTAL_ANALYSIS_TIME("totalAnalysisTimeMs", "OUTCALL_AMD_TOTAL_ANALYSIS_TIME", 5000, 1_000, 30_000),
    MIN_WORD_LENGTH("minWordLengthMs", "OUTCALL_AMD_MIN_WORD_LENGTH", 100, 10, 1_000),
    BETWEEN_WORDS_SILENCE("betweenWordsSilenceMs", "OUTCALL_AMD_BETWEEN_WORDS_SILENCE", 50, 10, 1_000),
    MAX_NUMBER_OF_WORDS("maximumNumberOfWords", "OUTCALL_AMD_MAX_NUMBER_OF_WORDS", 2, 1, 20),
    SILENCE_THRESHOLD("silenceThreshold", "OUTCALL_AMD_SILENCE_THRESHOLD", 256, 1, 32_767),
    MAX_WORD_LENGTH("maximumWordLengthMs", "OUTCALL_AMD_MAX_WORD_LENGTH", 5000, 100, 30_000);

    private final String json;
    private final String variable;
    private final int defaultValue;
    private final int min;
    private final int max;

    AmdParameter(String json, String variable, int defaultValue, int min, int max) {
        this.json = json;
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
    }

    /** Its name in {@code amdParameters} (API, tenant item, queue message). */
    public String json() {
        return json;
    }

    /** The channel variable the bridge sets and the sample dialplan passes to {@code AMD()}. */
    public String variable() {
        return variable;
    }

    public int defaultValue() {
        return defaultValue;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean allows(int value) {
        return value >= min && value <= max;
    }
}
