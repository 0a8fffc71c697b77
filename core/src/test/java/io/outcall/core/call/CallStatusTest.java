package io.outcall.core.call;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.outcall.core.call.CallStatus.ANSWERED;
import static io.outcall.core.call.CallStatus.BUSY;
import static io.outcall.core.call.CallStatus.CANCELED;
import static io.outcall.core.call.CallStatus.COMPLETED;
import static io.outcall.core.call.CallStatus.DIALING;
import static io.outcall.core.call.CallStatus.FAILED;
import static io.outcall.core.call.CallStatus.NO_ANSWER;
import static io.outcall.core.call.CallStatus.QUEUED;
import static io.outcall.core.call.CallStatus.RINGING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallStatusTest {

    private static final List<CallStatus> LIFECYCLE = List.of(QUEUED, DIALING, RINGING, ANSWERED);
    private static final Set<CallStatus> FINALS = EnumSet.of(COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED);

    @Test
    void exactlyTheOutcomesAreFinal() {
        for (CallStatus status : CallStatus.values()) {
            assertEquals(FINALS.contains(status), status.isFinal(), status.name());
        }
    }

    @Test
    void aLiveCallMovesOnlyForwardThroughItsLifecycle() {
        for (int from = 0; from < LIFECYCLE.size(); from++) {
            for (int to = 0; to < LIFECYCLE.size(); to++) {
                assertEquals(to > from, LIFECYCLE.get(from).canMoveTo(LIFECYCLE.get(to)),
                        LIFECYCLE.get(from) + " -> " + LIFECYCLE.get(to));
            }
        }
    }

    @Test
    void aLiveCallCanEndInAnyOutcome() {
        for (CallStatus live : LIFECYCLE) {
            for (CallStatus outcome : FINALS) {
                assertTrue(live.canMoveTo(outcome), live + " -> " + outcome);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CallStatus.class, names = {"COMPLETED", "BUSY", "NO_ANSWER", "FAILED", "CANCELED"})
    void aFinalStatusNeverMoves(CallStatus outcome) {
        for (CallStatus next : CallStatus.values()) {
            assertFalse(outcome.canMoveTo(next), outcome + " -> " + next);
        }
    }
}
