package io.outcall.core.call;

/**
 * The journey step that asked for a call, so a workflow can find its call again.
 *
 * @param taskToken a Step Functions task token when the step waits for the call's end
 *                  ({@code .waitForTaskToken}); null otherwise. It lets anyone holding it
 *                  complete the step, so it is stored but never shown or logged.
 */
public record JourneyRef(String journeyId, String executionId, String stepId, String taskToken) {

    public JourneyRef(String journeyId, String executionId, String stepId) {
        this(journeyId, executionId, stepId, null);
    }

    @Override
    public String toString() {
        return "JourneyRef[journeyId=" + journeyId + ", executionId=" + executionId + ", stepId=" + stepId
                + (taskToken == null ? "" : ", taskToken=(hidden)") + "]";
    }
}
