package io.outcall.functions;

import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.schedule.ScheduleSettings;
import io.outcall.core.schedule.ScheduledCalls;
import io.outcall.core.tenant.TenantStore;

import java.util.Map;

/** The due-call scheduler's parts, built once per execution environment from the variables template.yaml sets. */
public record ScheduleWiring(ScheduledCalls calls, OriginateQueue queue, TenantStore tenants, ScheduleSettings settings) {

    public static ScheduleWiring fromEnvironment() {
        Map<String, String> env = System.getenv();
        FunctionConfig config = FunctionConfig.fromEnvironment(env);
        ScheduleSettings settings = ScheduleSettings.fromEnvironment(env);
        var aws = config.awsClients();
        var dynamoDb = aws.dynamoDb(); // one client for both tables: each costs Lambda init time
        return new ScheduleWiring(new DynamoScheduledCalls(dynamoDb, config.callsTable(), settings.shards()),
                new SqsOriginateQueue(aws.sqs(), config.originateQueueUrl(), new OriginateMessageCodec(Json.standard())),
                new DynamoTenantStore(dynamoDb, config.tenantsTable()), settings);
    }
}
