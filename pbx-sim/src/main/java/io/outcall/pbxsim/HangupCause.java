package io.outcall.pbxsim;

import java.util.Map;

/** Q.850 cause texts exactly as Asterisk's ast_cause2str() prints them in {@code Cause-txt:}. */
final class HangupCause {

    static final int UNKNOWN = 0;
    static final int UNALLOCATED = 1;
    static final int NORMAL_CLEARING = 16;
    static final int USER_BUSY = 17;
    static final int NO_ANSWER = 19;
    static final int CALL_REJECTED = 21;
    static final int CONGESTION = 34;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(0, "Unknown"),
            Map.entry(1, "Unallocated (unassigned) number"),
            Map.entry(2, "No route to specified transmit network"),
            Map.entry(3, "No route to destination"),
            Map.entry(16, "Normal Clearing"),
            Map.entry(17, "User busy"),
            Map.entry(18, "No user responding"),
            Map.entry(19, "User alerting, no answer"),
            Map.entry(21, "Call Rejected"),
            Map.entry(22, "Number changed"),
            Map.entry(27, "Destination out of order"),
            Map.entry(28, "Invalid number format"),
            Map.entry(31, "Normal, unspecified"),
            Map.entry(34, "Circuit/channel congestion"),
            Map.entry(38, "Network out of order"),
            Map.entry(41, "Temporary failure"),
            Map.entry(42, "Switching equipment congestion"),
            Map.entry(127, "Interworking, unspecified"));

    private HangupCause() {
    }

    static String text(int cause) {
        return TEXTS.getOrDefault(cause, "Unknown");
    }
}
