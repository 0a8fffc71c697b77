package io.outcall.bench.batch;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.sqs.model.SqsRequest;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the clients it is installed in send to DynamoDB and to SQS (each attempt
 * the SDK makes, retries included: each is billed), as bench/cost's meter counts them.
 */
final class RequestCounter implements ExecutionInterceptor {

    final LongAdder dynamoDb = new LongAdder();
    final LongAdder sqs = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        switch (context.request()) {
            case DynamoDbRequest r -> dynamoDb.increment();
            case SqsRequest r -> sqs.increment();
            default -> { }
        }
    }

    /** What was counted so far, to subtract from a later reading. */
    Reading read() {
        return new Reading(dynamoDb.sum(), sqs.sum());
    }

    record Reading(long dynamoDb, long sqs) {
        Reading since(Reading earlier) {
            return new Reading(dynamoDb - earlier.dynamoDb, sqs - earlier.sqs);
        }

        long total() {
            return dynamoDb + sqs;
        }
    }
}
