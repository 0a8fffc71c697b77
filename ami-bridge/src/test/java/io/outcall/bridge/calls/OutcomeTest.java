package io.outcall.bridge.calls;

import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outcome table of DESIGN.md, row by row, as the traces of a real Asterisk 22 show it. */
class OutcomeTest {

    @ParameterizedTest(name = "answered={0} dialStatus={1} reason={2} cause={3} -> {4}/{5}")
    @CsvSource(nullValues = "-", value = {
            "true,  ANSWER,     4, 16, COMPLETED, ANSWERED",
            "false, BUSY,       5, 17, BUSY,      BUSY",
            "false, -,          3, 19, NO_ANSWER, NO_ANSWER",
            "false, CONGESTION, 8, 34, FAILED,    CONGESTION",
            "false, NOANSWER,   0, 1,  FAILED,    FAILED",
            "false, NOANSWER,   0, 21, FAILED,    FAILED",
            "false, -,          0, 0,  FAILED,    FAILED",
            "false, -,          0, -,  FAILED,    FAILED"})
    void eachRowOfTheTable(boolean answered, String dialStatus, Integer reason, Integer cause, CallStatus status,
                           Disposition disposition) {
        Outcome outcome = Outcome.decide(answered, dialStatus, reason, cause == null ? null : new HangupCause(cause, "x"));
        assertEquals(status, outcome.status());
        assertEquals(disposition, outcome.disposition());
    }

    @Test
    void withoutACauseTheDialStatusThenTheReasonDecide() {
        assertEquals(Disposition.BUSY, Outcome.decide(false, "BUSY", 0, new HangupCause(0, "Unknown")).disposition());
        assertEquals(Disposition.NO_ANSWER, Outcome.decide(false, null, 3, null).disposition());
        assertEquals(Disposition.CONGESTION, Outcome.decide(false, null, 8, new HangupCause(16, "Normal Clearing")).disposition());
    }
}
