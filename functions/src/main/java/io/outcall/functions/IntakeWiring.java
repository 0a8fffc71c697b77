package io.outcall.functions;

import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallBatchStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoDoNotCallStore;
import io.outcall.core.dynamo.DynamoIdempotencyStore;
import io.outcall.core.dynamo.DynamoPromptStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.intake.BatchCallIntake;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.json.Json;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.core.tenant.TransferPicker;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * Builds the intake service and its clients once per execution environment: the handlers' no-arg
 * constructors call this, tests build the same graph against local stand-ins. JSON goes through
 * {@link Json}'s streaming reader and writer: no {@code ObjectMapper} is built on a cold start.
 */
public record IntakeWiring(Json json, CallIntake intake, BatchCallIntake batchIntake, DynamoTenantStore tenants,
                           String tenantClaim, String scopeClaim, RequestLog requestLog) {

    public static IntakeWiring fromEnvironment() {
        Map<String, String> env = System.getenv();
        FunctionConfig config = FunctionConfig.fromEnvironment(env);
        var aws = config.awsClients();
        return of(config, aws.dynamoDb(), aws.sqs(), SweepSettings.queuedIndexShards(env));
    }

    /** With the default number of shards of the QUEUED index. */
    public static IntakeWiring of(FunctionConfig config, DynamoDbClient dynamoDb, SqsClient sqs) {
        return of(config, dynamoDb, sqs, SweepSettings.DEFAULT_SHARDS);
    }

    /** @param queuedShards shards of the QUEUED index new calls spread over; the sweeper queries as many */
    public static IntakeWiring of(FunctionConfig config, DynamoDbClient dynamoDb, SqsClient sqs, int queuedShards) {
        return of(config, dynamoDb, sqs, queuedShards, Clock.systemUTC());
    }

    /** @param clock what "now" is for the intake: calling windows are decided by it (tests inject one) */
    public static IntakeWiring of(FunctionConfig config, DynamoDbClient dynamoDb, SqsClient sqs, int queuedShards,
                                  Clock clock) {
        Json json = Json.standard();
        DynamoTenantStore tenants = new DynamoTenantStore(dynamoDb, config.tenantsTable());
        DynamoCallStore calls = new DynamoCallStore(dynamoDb, config.callsTable(), config.callStatsTable(), queuedShards);
        DynamoIdempotencyStore idempotency = new DynamoIdempotencyStore(dynamoDb, config.idempotencyTable());
        SqsOriginateQueue queue = new SqsOriginateQueue(sqs, config.originateQueueUrl(), new OriginateMessageCodec(json));
        // A call may name a prompt of its tenant: one GetItem in TenantsTable, only when it names one.
        CallRequestValidator validator = new CallRequestValidator(new PhoneNumbers(),
                new DynamoPromptStore(dynamoDb, config.tenantsTable())::find);
        TransferPicker transfers = new TransferPicker(new SecureRandom());
        CallId callIds = CallId.systemGenerator();
        // Every number is looked up in its tenant's and the platform's do-not-call list: one BatchGetItem.
        DynamoDoNotCallStore doNotCall = new DynamoDoNotCallStore(dynamoDb, config.tenantsTable());
        CallIntake intake = new CallIntake(tenants, calls, idempotency, queue, validator, transfers, callIds, clock,
                doNotCall);
        BatchCallIntake batchIntake = new BatchCallIntake(tenants, calls,
                new DynamoCallBatchStore(dynamoDb, config.callsTable(), queuedShards), idempotency, queue, validator,
                transfers, callIds, clock, doNotCall);
        return new IntakeWiring(json, intake, batchIntake, tenants, config.tenantClaim(), config.scopeClaim(),
                RequestLog.standardOutput(json));
    }

    /** The same wiring logging its requests to {@code log} (tests read the lines back). */
    public IntakeWiring withRequestLog(RequestLog log) {
        return new IntakeWiring(json, intake, batchIntake, tenants, tenantClaim, scopeClaim, log);
    }

    public ApiEvents apiEvents() {
        return new ApiEvents(json, tenantClaim, scopeClaim, requestLog);
    }
}
