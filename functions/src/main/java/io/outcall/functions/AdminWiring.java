package io.outcall.functions;

import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.dynamo.DynamoTenantNumberStore;
import io.outcall.core.json.Json;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.TenantAdmin;
import io.outcall.core.tenant.TenantNumbers;
import io.outcall.core.tenant.TenantValidation;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.security.SecureRandom;
import java.time.Clock;

/** The tenant administration service, built once per execution environment or by tests against DynamoDB Local. */
public record AdminWiring(Json json, TenantAdmin tenants, TenantNumbers numbers, FunctionConfig config,
                          RequestLog requestLog) {

    public static AdminWiring fromEnvironment() {
        FunctionConfig config = FunctionConfig.fromEnvironment(System.getenv());
        return of(config, config.awsClients().dynamoDb(), Clock.systemUTC());
    }

    public static AdminWiring of(FunctionConfig config, DynamoDbClient dynamoDb, Clock clock) {
        Json json = Json.standard();
        DynamoTenantAdminStore store = new DynamoTenantAdminStore(dynamoDb, config.tenantsTable());
        PhoneNumbers phones = new PhoneNumbers();
        TenantAdmin tenants = new TenantAdmin(store, new TenantValidation(phones), clock);
        TenantNumbers numbers = new TenantNumbers(new DynamoTenantNumberStore(dynamoDb, config.tenantsTable()), store,
                phones, new SecureRandom(), clock);
        return new AdminWiring(json, tenants, numbers, config, RequestLog.standardOutput(json));
    }

    public ApiEvents apiEvents() {
        return new ApiEvents(json, config.tenantClaim(), config.scopeClaim(), requestLog);
    }
}
