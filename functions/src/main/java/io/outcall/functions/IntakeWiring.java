package io.outcall.functions;

import io.outcall.core.aws.AwsClients;
import io.outcall.core.call.CallId;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.json.Json;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.store.DynamoCallStore;
import io.outcall.core.store.DynamoIdempotencyStore;
import io.outcall.core.store.DynamoTenantStore;
import io.outcall.core.tenant.TransferPicker;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Builds the intake service and its clients once per execution environment: the handlers' no-arg
 * constructors call this, tests build the same graph against local stand-ins. JSON goes through
 * {@link Json}'s streaming reader and writer: no {@code ObjectMapper} is built on a cold start.
 */
public record IntakeWiring(Json json, CallIntake intake, DynamoTenantStore tenants, String tenantClaim,
                           RequestLog requestLog) {

    public static IntakeWiring fromEnvironment() {
        return of(FunctionConfig.fromEnvironment(System.getenv()));
    }

    public static IntakeWiring of(FunctionConfig config) {
        AwsClients aws = AwsClients.builder()
                .region(config.region())
                .dynamoDbEndpoint(config.dynamoDbEndpoint())
                .sqsEndpoint(config.sqsEndpoint())
                .build();
        return of(config, aws.dynamoDb(), aws.sqs());
    }

    public static IntakeWiring of(FunctionConfig config, DynamoDbClient dynamoDb, SqsClient sqs) {
        Json json = Json.standard();
        DynamoTenantStore tenants = new DynamoTenantStore(dynamoDb, config.tenantsTable());
        CallIntake intake = new CallIntake(
                tenants,
                new DynamoCallStore(dynamoDb, config.callsTable(), config.callStatsTable()),
                new DynamoIdempotencyStore(dynamoDb, config.idempotencyTable()),
                new SqsOriginateQueue(sqs, config.originateQueueUrl(), new OriginateMessageCodec(json)),
                new CallRequestValidator(new PhoneNumbers()),
                new TransferPicker(new SecureRandom()),
                CallId.systemGenerator(),
                Clock.systemUTC());
        return new IntakeWiring(json, intake, tenants, config.tenantClaim(), RequestLog.standardOutput(json));
    }

    /** The same wiring logging its requests to {@code log} (tests read the lines back). */
    public IntakeWiring withRequestLog(RequestLog log) {
        return new IntakeWiring(json, intake, tenants, tenantClaim, log);
    }

    public ApiEvents apiEvents() {
        return new ApiEvents(json, tenantClaim, requestLog);
    }
}
