package io.outcall.functions;

import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.json.Json;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.TenantAdmin;
import io.outcall.core.tenant.TenantValidation;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The tenant administration service, built once per execution environment or by tests against DynamoDB Local. */
public record AdminWiring(Json json, TenantAdmin tenants, FunctionConfig config, RequestLog requestLog) {

    public static AdminWiring fromEnvironment() {
        FunctionConfig config = FunctionConfig.fromEnvironment(System.getenv());
        return of(config, config.awsClients().dynamoDb(), Clock.systemUTC());
    }

    public static AdminWiring of(FunctionConfig config, DynamoDbClient dynamoDb, Clock clock) {
        Json json = Json.standard();
        TenantAdmin tenants = new TenantAdmin(new DynamoTenantAdminStore(dynamoDb, config.tenantsTable()),
                new TenantValidation(new PhoneNumbers()), clock);
        return new AdminWiring(json, tenants, config, RequestLog.standardOutput(json));
    }

    public ApiEvents apiEvents() {
        return new ApiEvents(json, config.tenantClaim(), config.scopeClaim(), requestLog);
    }
}
