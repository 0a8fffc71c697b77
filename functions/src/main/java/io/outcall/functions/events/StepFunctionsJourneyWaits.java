package io.outcall.functions.events;

import io.outcall.core.events.JourneyWaits;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Resumes a {@code .waitForTaskToken} step with the call's item. A token Step Functions no longer
 * knows (timed out, already answered, malformed) is final: retrying would fail forever.
 */
final class StepFunctionsJourneyWaits implements JourneyWaits {

    private final SfnClient sfn;

    StepFunctionsJourneyWaits(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public Result resume(String taskToken, String output) {
        try {
            sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(output));
            return Result.RESUMED;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException gone) {
            return Result.TOKEN_GONE;
        }
    }
}
