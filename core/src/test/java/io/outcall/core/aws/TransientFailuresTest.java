package io.outcall.core.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailuresTest {

    @Test
    void throttlingTheNetworkAndConflictsAreWorthRetrying() {
        assertTrue(TransientFailures.isTransient(new StillThrottledException("3 call events unprocessed")),
                "a batch still throttled after its own retries");
        assertTrue(TransientFailures.isTransient(SdkClientException.create("connection reset")));
        assertTrue(TransientFailures.isTransient(TransactionCanceledException.builder()
                .cancellationReasons(CancellationReason.builder().code("None").build(),
                        CancellationReason.builder().code("TransactionConflict").build()).build()));
    }

    @Test
    void whatFailsTheSameWayEveryTimeIsNot() {
        assertFalse(TransientFailures.isTransient(ResourceNotFoundException.builder().statusCode(400)
                .message("no table").build()));
        assertFalse(TransientFailures.isTransient(TransactionCanceledException.builder()
                .cancellationReasons(CancellationReason.builder().code("ConditionalCheckFailed").build()).build()));
        assertFalse(TransientFailures.isTransient(TransactionCanceledException.builder().message("no reasons").build()));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("a bug")));
    }
}
