package io.outcall.pbxsim;

/**
 * What the called party (the {@code ;2} half running the {@code [outcome]} dialplan) does, chosen by the last
 * digit of the dialed number as in ami-traces/asterisk-config/extensions.conf, or for a 12-character number
 * {@code +1XXXXXXXX61/62/63} by its last two digits (the AMD far ends of transcripts 40-43).
 *
 * @param ringMillis     how long it rings before answering or rejecting (0: no ringing at all)
 * @param talkMillis     after answering (and playing), how long until it hangs up with cause 16
 * @param rejectCause    Q.850 cause of Hangup(n) before answer, or -1
 * @param audio          what AMD on the {@code ;1} half hears from it
 * @param playbackMillis length of its Playback() after Answer()'s 500 ms, or 0 when it only waits
 */
enum FarEndOutcome {
    /** d1: Ringing(), Wait(1), Answer(), Wait(600), Hangup(16). */
    ANSWER(1000, 600_000, -1, "Ringing()", "Wait(1)", "Answer()", "Wait(600)", "Hangup(16)"),
    /** d2: Busy(10). */
    BUSY(0, 0, -1, "Busy(10)"),
    /** d3: Ringing(), Wait(600), Hangup(19): in practice the Originate Timeout ends it. */
    RING_FOREVER(600_000, 0, HangupCause.NO_ANSWER, "Ringing()", "Wait(600)", "Hangup(19)"),
    /** d4: Congestion(10). */
    CONGESTION(0, 0, -1, "Congestion(10)"),
    /** d5: answers after 1 s, hangs up 3 s later. */
    ANSWER_THEN_HANGUP(1000, 3000, -1, "Ringing()", "Wait(1)", "Answer()", "Wait(3)", "Hangup(16)"),
    /** d6: Answer() at once, Wait(600). */
    ANSWER_NOW(0, 600_000, -1, "Answer()", "Wait(600)", "Hangup(16)"),
    /** d7, d0 and anything else: Hangup(1). */
    UNALLOCATED(0, 0, HangupCause.UNALLOCATED, "Hangup(1)"),
    /** d8: rings 2 s then Hangup(21). */
    RING_THEN_REJECT(2000, 0, HangupCause.CALL_REJECTED, "Ringing()", "Wait(2)", "Hangup(21)"),
    /** d9: the transfer target: rings 1 s, answers, talks 2 s. */
    TRANSFER_TARGET(1000, 2000, -1, "Ringing()", "Wait(1)", "Answer()", "Wait(2)", "Hangup(16)"),
    /** dh (…61): answers at once, says "Hello?" (6.61 s file), then waits: AMD says HUMAN (40). */
    HUMAN(FarEndAudio.HELLO, 6610, 600_000, "Answer()", "Playback(outcall-test/human)", "Wait(600)", "Hangup(16)"),
    /** dm (…62): answers at once, plays a 10.59 s greeting, beep and silence: AMD says MACHINE (41). */
    MACHINE(FarEndAudio.GREETING, 10_590, 600_000, "Answer()", "Playback(outcall-test/machine)", "Wait(600)",
            "Hangup(16)"),
    /** dx (…63): answers at once, 1 s without audio, Hangup(16) while AMD listens: HANGUP (43). */
    HANGUP_DURING_ANALYSIS(FarEndAudio.NONE, 0, 1000, "Answer()", "Wait(1)", "Hangup(16)");

    final long ringMillis;
    final long talkMillis;
    final int rejectCause;
    /** The applications of {@code exten => dN,1..n}, in priority order, as Newexten reports them. */
    final String[] steps;
    final FarEndAudio audio;
    final long playbackMillis;

    FarEndOutcome(long ringMillis, long talkMillis, int rejectCause, String... steps) {
        this(ringMillis, talkMillis, rejectCause, FarEndAudio.NONE, 0, steps);
    }

    /** An AMD far end: answers at once. */
    FarEndOutcome(FarEndAudio audio, long playbackMillis, long talkMillis, String... steps) {
        this(0, talkMillis, -1, audio, playbackMillis, steps);
    }

    FarEndOutcome(long ringMillis, long talkMillis, int rejectCause, FarEndAudio audio, long playbackMillis,
                  String... steps) {
        this.ringMillis = ringMillis;
        this.talkMillis = talkMillis;
        this.rejectCause = rejectCause;
        this.audio = audio;
        this.playbackMillis = playbackMillis;
        this.steps = steps;
    }

    /** The AMD far ends' {@code [outbound](+)} patterns: {@code _+1XXXXXXXX61} and so on, 12 characters only. */
    static FarEndOutcome forAmdNumber(String number) {
        if (!number.matches("\\+1\\d{8}6[123]")) {
            return null;
        }
        return switch (number.charAt(11)) {
            case '1' -> HUMAN;
            case '2' -> MACHINE;
            default -> HANGUP_DURING_ANALYSIS;
        };
    }

    /** The {@code [outcome]} extension of an AMD far end. */
    String amdExten() {
        return switch (this) {
            case HUMAN -> "dh";
            case MACHINE -> "dm";
            default -> "dx";
        };
    }

    static FarEndOutcome forDigit(char digit) {
        return switch (digit) {
            case '1' -> ANSWER;
            case '2' -> BUSY;
            case '3' -> RING_FOREVER;
            case '4' -> CONGESTION;
            case '5' -> ANSWER_THEN_HANGUP;
            case '6' -> ANSWER_NOW;
            case '8' -> RING_THEN_REJECT;
            case '9' -> TRANSFER_TARGET;
            default -> UNALLOCATED;
        };
    }

    boolean answers() {
        return this == ANSWER || this == ANSWER_THEN_HANGUP || this == ANSWER_NOW || this == TRANSFER_TARGET;
    }

    /** Answers at once, without ringing, as d6 and the AMD far ends do. */
    boolean answersAtOnce() {
        return this == ANSWER_NOW || this == HUMAN || this == MACHINE || this == HANGUP_DURING_ANALYSIS;
    }

    boolean rings() {
        return ringMillis > 0;
    }

    /** Splits "App(data)" into its two Newexten headers. */
    static String[] appAndData(String step) {
        int open = step.indexOf('(');
        return new String[] {step.substring(0, open), step.substring(open + 1, step.length() - 1)};
    }
}
