package io.outcall.bridge.calls;

import io.outcall.core.call.CallStatus;

/** What the rest of the bridge hears when a call ends, once per call: to free its pacing slot, count it, log it. */
public record FinishedCall(String callId, String tenantId, CallStatus status) {
}
