package io.outcall.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.aws.AwsClients;
import io.outcall.functions.FunctionConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The floor of the make-call function's cold start: the same SDK clients built the same way
 * (FunctionConfig from the same environment, {@link AwsClients}: the URL-connection HTTP client,
 * the region, the environment's credentials provider, the local endpoints), then per request one
 * PutItem and one SendMessage, and nothing else: no event parsing, no JSON library, no validation.
 * What the real handler takes beyond this is the cost of our own code and of the requests it makes.
 */
public final class BareHandler implements RequestStreamHandler {

    private final FunctionConfig config;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    public BareHandler() {
        this.config = FunctionConfig.fromEnvironment(System.getenv());
        // As IntakeWiring.of(FunctionConfig) builds them.
        AwsClients aws = AwsClients.builder()
                .region(config.region())
                .dynamoDbEndpoint(config.dynamoDbEndpoint())
                .sqsEndpoint(config.sqsEndpoint())
                .build();
        this.dynamoDb = aws.dynamoDb();
        this.sqs = aws.sqs();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        String id = "bare-" + context.getAwsRequestId();
        dynamoDb.putItem(b -> b.tableName(config.callsTable()).item(Map.of("callId", AttributeValue.fromS(id))));
        sqs.sendMessage(b -> b.queueUrl(config.originateQueueUrl()).messageBody("{\"callId\":\"" + id + "\"}"));
        output.write(("{\"statusCode\":202,\"headers\":{\"location\":\"/calls/" + id + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
