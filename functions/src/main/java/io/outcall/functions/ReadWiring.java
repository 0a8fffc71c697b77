package io.outcall.functions;

import io.outcall.core.call.CallStore;
import io.outcall.core.calllog.CallLog;
import io.outcall.core.calllog.CallLookup;
import io.outcall.core.calllog.CursorCodec;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallLogStore;
import io.outcall.core.dynamo.DynamoCallStatsStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.json.Json;
import io.outcall.core.stats.CallStats;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * The read side's services (call log, lookup, statistics, cancel), built once per execution
 * environment by the handlers' no-arg constructors, or by tests against DynamoDB Local.
 *
 * Building them does no I/O; the call log, which needs the cursor key only the list function has,
 * is built by that function alone ({@link #callLog}).
 */
public record ReadWiring(Json json, String tenantClaim, CallStore calls, CallLookup lookup, CallStats stats,
                         Clock clock, FunctionConfig config, DynamoDbClient dynamoDb, RequestLog requestLog) {

    public static ReadWiring fromEnvironment() {
        FunctionConfig config = FunctionConfig.fromEnvironment(System.getenv());
        var aws = config.awsClients();
        return of(config, aws.dynamoDb());
    }

    public static ReadWiring of(FunctionConfig config, DynamoDbClient dynamoDb) {
        DynamoCallStore calls = new DynamoCallStore(dynamoDb, config.callsTable(), config.callStatsTable());
        Json json = Json.standard();
        return new ReadWiring(json, config.tenantClaim(), calls,
                new CallLookup(calls, new DynamoCallEventStore(dynamoDb, config.callEventsTable())),
                new CallStats(new DynamoCallStatsStore(dynamoDb, config.callStatsTable())), Clock.systemUTC(), config,
                dynamoDb, RequestLog.standardOutput(json));
    }

    /** The call log; fails the start, naming CURSOR_KEY, where it is not set. */
    public CallLog callLog() {
        return new CallLog(new DynamoCallLogStore(dynamoDb, config.callsTable()), CursorCodec.ofSecret(config.cursorKey()));
    }

    /** The same wiring logging its requests to {@code log} (tests read the lines back). */
    public ReadWiring withRequestLog(RequestLog log) {
        return new ReadWiring(json, tenantClaim, calls, lookup, stats, clock, config, dynamoDb, log);
    }

    public ApiEvents apiEvents() {
        return new ApiEvents(json, tenantClaim, config.scopeClaim(), requestLog);
    }
}
