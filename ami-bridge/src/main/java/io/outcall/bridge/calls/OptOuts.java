package io.outcall.bridge.calls;

/**
 * Hears a callee's opt-out (the dialplan's {@code UserEvent(OutcallOptOut,CallId: ...)}) on the
 * tracker thread: it must return at once and do its writing elsewhere.
 */
@FunctionalInterface
public interface OptOuts {

    String USER_EVENT = "OutcallOptOut";

    /** For a tracker whose opt-outs go nowhere (benchmarks, tests of other things): the timeline still shows them. */
    OptOuts NONE = (callId, tenantId) -> {
    };

    void optedOut(String callId, String tenantId);
}
