package io.outcall.functions.events;

import io.outcall.core.aws.AwsClients;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.json.Json;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.core.webhooks.WebhookEndpointStore;
import io.outcall.core.webhooks.WebhookQueue;
import io.outcall.functions.FunctionConfig;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What the events functions share, built once per execution environment from the variables
 * template.yaml sets: WEBHOOKS_TABLE, WEBHOOK_QUEUE_URL, and for the publisher EVENT_BUS_NAME
 * (blank: no bus). EVENTBRIDGE_ENDPOINT and SFN_ENDPOINT point at stand-ins in local runs.
 */
record EventsWiring(FunctionConfig config, Map<String, String> env, DynamoDbClient dynamoDb, Json json,
                    WebhookEndpointStore endpoints, WebhookQueue queue) {

    static EventsWiring fromEnvironment(Map<String, String> env) {
        FunctionConfig config = FunctionConfig.fromEnvironment(env);
        AwsClients aws = config.awsClients();
        DynamoDbClient dynamoDb = aws.dynamoDb();
        Json json = Json.standard();
        return new EventsWiring(config, env, dynamoDb, json,
                new DynamoWebhookEndpointStore(dynamoDb, required(env, "WEBHOOKS_TABLE"), config.tenantsTable()),
                new SqsWebhookQueue(aws.sqs(), required(env, "WEBHOOK_QUEUE_URL"), new DeliveryMessageCodec(json)));
    }

    /** The bus named by EVENT_BUS_NAME, or empty where none is set (locally). */
    Optional<String> busName() {
        String name = env.get("EVENT_BUS_NAME");
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    EventBridgeClient eventBridge() {
        var builder = EventBridgeClient.builder().region(config.region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        endpoint("EVENTBRIDGE_ENDPOINT").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    SfnClient stepFunctions() {
        var builder = SfnClient.builder().region(config.region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        endpoint("SFN_ENDPOINT").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** A local run: DynamoDB Local stands in for DynamoDB. */
    boolean local() {
        return config.dynamoDbEndpoint() != null;
    }

    boolean hasStepFunctions() {
        return endpoint("SFN_ENDPOINT").isPresent();
    }

    private Optional<URI> endpoint(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
    }

    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing environment variable " + name
                    + "; template.yaml sets it on the events functions");
        }
        return value;
    }
}
