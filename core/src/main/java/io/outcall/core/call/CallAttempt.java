package io.outcall.core.call;

import java.time.Instant;

/**
 * One dial of a call that is retried: how it ended. The call keeps these in order, the last one
 * being its final attempt once the call is final.
 *
 * @param attempt     1-based
 * @param status      the status the attempt ended with (BUSY, NO_ANSWER, FAILED, ... as a call's would be)
 * @param cause       the Q.850 hangup cause Asterisk gave; null when none was seen
 * @param ringSeconds how long it rang; null when unknown
 */
public record CallAttempt(int attempt, CallStatus status, Disposition disposition, HangupCause cause,
                          Instant dialedAt, Instant endedAt, Integer ringSeconds) {
}
