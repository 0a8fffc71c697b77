package io.outcall.core.queue;

import java.time.Instant;

/**
 * The seam between retries and calling windows: from the earliest instant a retry's delay allows
 * to the instant its next attempt gets as {@code notBefore}. A message that carries a calling window
 * (queue message version 5, {@code window}) moves it to the window's next opening, so a retry is
 * never dialed outside the window; without a window it stays.
 */
@FunctionalInterface
public interface RetryOpening {

    /** No calling window: the next attempt may start as soon as the delay allows. */
    RetryOpening ANY_TIME = (message, earliest) -> earliest;

    Instant notBefore(OriginateMessage message, Instant earliest);
}
