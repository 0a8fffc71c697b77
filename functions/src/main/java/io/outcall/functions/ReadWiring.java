package io.outcall.functions;

import io.outcall.core.aws.AwsClients;
import io.outcall.core.calllog.CallLog;
import io.outcall.core.calllog.CallLookup;
import io.outcall.core.calllog.CursorCodec;
import io.outcall.core.json.Json;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.stats.CallStats;
import io.outcall.core.store.CallStore;
import io.outcall.core.store.DynamoCallEventStore;
import io.outcall.core.store.DynamoCallLogStore;
import io.outcall.core.store.DynamoCallStatsStore;
import io.outcall.core.store.DynamoCallStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * The read side's services (call log, lookup, statistics, cancel), built once per execution
 * environment by the handlers' no-arg constructors, or by tests against DynamoDB Local.
 *
 * @param callLog null unless CURSOR_KEY is set: only the list function signs cursors
 */
public record ReadWiring(Json json, String tenantClaim, CallStore calls, CallLookup lookup, CallLog callLog,
                         CallStats stats, PhoneNumbers phones, Clock clock) {

    public static ReadWiring fromEnvironment() {
        FunctionConfig config = FunctionConfig.fromEnvironment(System.getenv());
        AwsClients aws = AwsClients.builder()
                .region(config.region())
                .dynamoDbEndpoint(config.dynamoDbEndpoint())
                .sqsEndpoint(config.sqsEndpoint())
                .build();
        return of(config, aws.dynamoDb());
    }

    public static ReadWiring of(FunctionConfig config, DynamoDbClient dynamoDb) {
        DynamoCallStore calls = new DynamoCallStore(dynamoDb, config.callsTable(), config.callStatsTable());
        CallLog callLog = config.cursorKey() == null ? null
                : new CallLog(new DynamoCallLogStore(dynamoDb, config.callsTable()), CursorCodec.ofSecret(config.cursorKey()));
        return new ReadWiring(Json.standard(), config.tenantClaim(), calls,
                new CallLookup(calls, new DynamoCallEventStore(dynamoDb, config.callEventsTable())), callLog,
                new CallStats(new DynamoCallStatsStore(dynamoDb, config.callStatsTable())), new PhoneNumbers(),
                Clock.systemUTC());
    }

    /** The call log, or a start-up failure that names the missing setting. */
    public CallLog requireCallLog() {
        if (callLog == null) {
            throw new IllegalStateException("CURSOR_KEY is not set; template.yaml sets it for ListCallsFunction");
        }
        return callLog;
    }
}
