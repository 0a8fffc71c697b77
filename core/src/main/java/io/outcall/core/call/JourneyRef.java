package io.outcall.core.call;

/** The journey step that asked for a call, so a workflow can find its call again. */
public record JourneyRef(String journeyId, String executionId, String stepId) {
}
