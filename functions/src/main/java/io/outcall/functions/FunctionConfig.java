package io.outcall.functions;

import io.outcall.core.aws.AwsClients;
import io.outcall.functions.http.ApiEvents;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The functions' settings, read from the environment template.yaml sets. A missing variable
 * fails the start with its name rather than failing the first request obscurely.
 *
 * @param cursorKey        signs the call log's page cursors (CURSOR_KEY); only the list function has it
 * @param dynamoDbEndpoint local runs only: DynamoDB Local's URL (DYNAMODB_ENDPOINT); null on AWS
 * @param sqsEndpoint      local runs only: ElasticMQ's URL (SQS_ENDPOINT); null on AWS
 * @param scopeClaim       the claim with the token's space-separated scopes (SCOPE_CLAIM, default {@code scope}),
 *                         read when the authorizer gives no scope list
 */
public record FunctionConfig(Region region, String callsTable, String tenantsTable, String idempotencyTable,
                             String callEventsTable, String callStatsTable, String originateQueueUrl,
                             String tenantClaim, String cursorKey, URI dynamoDbEndpoint, URI sqsEndpoint,
                             String scopeClaim) {

    /** With the default scope claim. */
    public FunctionConfig(Region region, String callsTable, String tenantsTable, String idempotencyTable,
                          String callEventsTable, String callStatsTable, String originateQueueUrl,
                          String tenantClaim, String cursorKey, URI dynamoDbEndpoint, URI sqsEndpoint) {
        this(region, callsTable, tenantsTable, idempotencyTable, callEventsTable, callStatsTable, originateQueueUrl,
                tenantClaim, cursorKey, dynamoDbEndpoint, sqsEndpoint, ApiEvents.DEFAULT_SCOPE_CLAIM);
    }

    public static FunctionConfig fromEnvironment(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        String region = required(env, "AWS_REGION", missing);
        String calls = required(env, "CALLS_TABLE", missing);
        String tenants = required(env, "TENANTS_TABLE", missing);
        String idempotency = required(env, "IDEMPOTENCY_TABLE", missing);
        String events = required(env, "CALL_EVENTS_TABLE", missing);
        String stats = required(env, "CALL_STATS_TABLE", missing);
        String queue = required(env, "ORIGINATE_QUEUE_URL", missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing environment variable(s) " + String.join(", ", missing)
                    + "; template.yaml sets them for every function");
        }
        return new FunctionConfig(Region.of(region), calls, tenants, idempotency, events, stats, queue,
                env.getOrDefault("TENANT_CLAIM", "tenant_id"), env.get("CURSOR_KEY"), uri(env, "DYNAMODB_ENDPOINT"),
                uri(env, "SQS_ENDPOINT"), env.getOrDefault("SCOPE_CLAIM", ApiEvents.DEFAULT_SCOPE_CLAIM));
    }

    /** The SDK clients every function builds once: this region, and the local endpoints where set. */
    public AwsClients awsClients() {
        return AwsClients.builder().region(region).dynamoDbEndpoint(dynamoDbEndpoint).sqsEndpoint(sqsEndpoint).build();
    }

    private static String required(Map<String, String> env, String name, List<String> missing) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
        return value;
    }

    private static URI uri(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be a URL such as http://127.0.0.1:8000, was '" + value + "'", e);
        }
    }
}
