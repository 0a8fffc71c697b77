package io.outcall.functions.events;

import io.outcall.functions.testing.LocalStackBackends;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/**
 * The real DynamoDB (with the stream of the calls table) and SQS an events scenario runs on:
 * DynamoDB Local and ElasticMQ in this JVM, or LocalStack where Docker exists. The stream is read
 * from the same backend the calls are written to.
 */
record EventBackends(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, SqsClient sqs,
                     Map<String, String> queueUrls, AutoCloseable stop) implements AutoCloseable {

    static EventBackends localServices() {
        LocalServices local = LocalServices.startInMemory();
        DynamoDbStreamsClient streams = LocalAws.dynamoDbStreams(local.dynamoDbServer().endpoint());
        return new EventBackends(local.dynamoDb(), streams, local.sqs(), Map.of(
                "OriginateQueue", local.queueUrl("OriginateQueue"), "WebhookQueue", local.queueUrl("WebhookQueue")),
                () -> {
                    streams.close();
                    local.close();
                });
    }

    static EventBackends localStack() {
        LocalStackBackends localStack = LocalStackBackends.start();
        return new EventBackends(localStack.dynamoDb(), localStack.dynamoDbStreams(), localStack.sqs(),
                localStack.queueUrls(), localStack);
    }

    /** URL of a queue by its logical id in template.yaml. */
    String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("no queue " + logicalId + " among " + queueUrls.keySet());
        }
        return url;
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
