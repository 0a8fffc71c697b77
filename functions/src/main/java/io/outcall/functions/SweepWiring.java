package io.outcall.functions;

import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.dynamo.DynamoQueuedCalls;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.sweep.QueuedCalls;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.core.tenant.TenantStore;

import java.util.Map;

/** The queued-call sweeper's parts, built once per execution environment from the variables template.yaml sets. */
public record SweepWiring(QueuedCalls calls, OriginateQueue queue, TenantStore tenants, SweepSettings settings) {

    public static SweepWiring fromEnvironment() {
        Map<String, String> env = System.getenv();
        FunctionConfig config = FunctionConfig.fromEnvironment(env);
        SweepSettings settings = SweepSettings.fromEnvironment(env);
        var aws = config.awsClients();
        var dynamoDb = aws.dynamoDb(); // one client for both: each costs Lambda init time
        DynamoCallStore store = new DynamoCallStore(dynamoDb, config.callsTable(), config.callStatsTable(), settings.shards());
        return new SweepWiring(new DynamoQueuedCalls(dynamoDb, config.callsTable(), store),
                new SqsOriginateQueue(aws.sqs(), config.originateQueueUrl(), new OriginateMessageCodec(Json.standard())),
                new DynamoTenantStore(dynamoDb, config.tenantsTable()), settings);
    }
}
