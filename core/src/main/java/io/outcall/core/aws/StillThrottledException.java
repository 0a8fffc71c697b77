package io.outcall.core.aws;

/**
 * DynamoDB left part of a batch unprocessed (it was throttled) through every retry of one
 * request. Nothing is wrong with the request: trying it again later is the cure.
 */
public final class StillThrottledException extends RuntimeException {

    public StillThrottledException(String message) {
        super(message);
    }
}
