package io.outcall.bench.cost;

import io.outcall.bridge.Bridge;
import io.outcall.bridge.calls.CallSink;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStore;
import io.outcall.core.dynamo.ItemSize;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Places one call and follows it until nothing about it is left to write, counting into a tally;
 * then reads it back once, counting into another. Its own polling goes through an uncounted store.
 */
final class CallRunner {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Functions functions;
    private final CostMeter meter;
    private final Bridge bridge;
    private final CallSink sink;
    private final CallStore uncounted;
    private final DynamoDbClient uncountedDynamoDb;
    private final SqsClient uncountedSqs;
    private final String queueUrl;

    CallRunner(Functions functions, CostMeter meter, Bridge bridge, CallSink sink, CallStore uncounted,
               DynamoDbClient uncountedDynamoDb, SqsClient uncountedSqs, String queueUrl) {
        this.uncountedDynamoDb = uncountedDynamoDb;
        this.uncountedSqs = uncountedSqs;
        this.queueUrl = queueUrl;
        this.functions = functions;
        this.meter = meter;
        this.bridge = bridge;
        this.sink = sink;
        this.uncounted = uncounted;
    }

    Call run(int outcomeDigit, Tally callTally, Tally readTally) throws IOException, InterruptedException {
        return run(outcomeDigit, "{}", callTally, readTally);
    }

    /** @param variables the request's {@code variables}, a JSON object */
    Call run(int outcomeDigit, String variables, Tally callTally, Tally readTally) throws IOException, InterruptedException {
        meter.countInto(callTally);
        String callId = functions.makeCall("+1706555123" + outcomeDigit, variables, callTally);
        Call done = awaitSettled(callId);
        meter.stop();
        // What each update of the call is billed by: the item's size (the larger of before and after).
        Map<String, AttributeValue> item = uncountedDynamoDb.getItem(b -> b.tableName("CallsTable")
                .key(Map.of("callId", AttributeValue.fromS(callId)))).item();
        callTally.add(Tally.CALL_ITEM_BYTES, ItemSize.of(item));
        meter.countInto(readTally);
        functions.getCall(callId, readTally);
        meter.stop();
        return done;
    }

    /** Final, followed no more, every write done, its message deleted. */
    private long messagesOnQueue() {
        return uncountedSqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
    }

    private Call awaitSettled(String callId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Call call = uncounted.find(callId).orElse(null);
            if (call != null && call.status().isFinal() && bridge.tracker().following() == 0 && sink.backlog() == 0
                    && messagesOnQueue() == 0) {
                return call;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("call " + callId + " did not settle within " + PATIENCE + ": "
                + uncounted.find(callId).orElse(null));
    }
}
