package io.outcall.core.queue;

import io.outcall.core.window.CallingWindows;

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

    /**
     * The callee's calling window, as the message carries it: the next opening at or after the
     * earliest start (that start itself when the window is open then). A window that never opens for
     * the callee leaves the start as it is; the bridge's check before dialing then refuses the attempt.
     */
    static RetryOpening inCallingWindow(CallingWindows windows) {
        return (message, earliest) -> {
            if (message.window() == null) {
                return earliest;
            }
            Instant opening = windows.nextOpening(message.window(), message.to(), earliest).at();
            return opening == null ? earliest : opening;
        };
    }

    Instant notBefore(OriginateMessage message, Instant earliest);
}
