package io.outcall.core.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Which AWS failures are worth trying again: the network, throttling (also a batch still
 * unprocessed after its retries, {@link StillThrottledException}), a 5xx, or a transaction
 * another transaction got in the way of. Anything else (a validation error, a missing table, a
 * denied permission) fails the same way every time and must be reported, not retried.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        return switch (failure) {
            case TransactionCanceledException canceled -> canceled.hasCancellationReasons()
                    && canceled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code())
                    || "ThrottlingError".equals(r.code()) || "ProvisionedThroughputExceeded".equals(r.code()));
            case SdkServiceException service -> service.isThrottlingException() || service.statusCode() >= 500;
            case SdkClientException client -> true;
            case StillThrottledException throttled -> true;
            default -> false;
        };
    }
}
