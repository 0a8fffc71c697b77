package io.outcall.pbxsim;

/**
 * What the called party (the {@code ;2} half running the {@code [outcome]} dialplan) does, chosen by the last
 * digit of the dialed number as in ami-traces/asterisk-config/extensions.conf.
 *
 * @param ringMillis   how long it rings before answering or rejecting (0: no ringing at all)
 * @param talkMillis   after answering, how long until it hangs up with cause 16 (after Answer()'s 500 ms)
 * @param rejectCause  Q.850 cause of Hangup(n) before answer, or -1
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
    TRANSFER_TARGET(1000, 2000, -1, "Ringing()", "Wait(1)", "Answer()", "Wait(2)", "Hangup(16)");

    final long ringMillis;
    final long talkMillis;
    final int rejectCause;
    /** The applications of {@code exten => dN,1..n}, in priority order, as Newexten reports them. */
    final String[] steps;

    FarEndOutcome(long ringMillis, long talkMillis, int rejectCause, String... steps) {
        this.ringMillis = ringMillis;
        this.talkMillis = talkMillis;
        this.rejectCause = rejectCause;
        this.steps = steps;
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

    boolean rings() {
        return ringMillis > 0;
    }

    /** Splits "App(data)" into its two Newexten headers. */
    static String[] appAndData(String step) {
        int open = step.indexOf('(');
        return new String[] {step.substring(0, open), step.substring(open + 1, step.length() - 1)};
    }
}
