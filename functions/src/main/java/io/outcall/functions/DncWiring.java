package io.outcall.functions;

import io.outcall.core.dnc.DncImport;
import io.outcall.core.dnc.DoNotCallList;
import io.outcall.core.dynamo.DynamoDoNotCallStore;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.json.Json;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The do-not-call lists' admin service and import, built once per execution environment or by tests. */
public record DncWiring(Json json, DoNotCallList lists, DncImport imports, FunctionConfig config, RequestLog requestLog) {

    /** Batches an import reads or writes at once: 100,000 numbers are 4,000 BatchWriteItems. */
    static final int IMPORT_PARALLELISM = 16;

    public static DncWiring fromEnvironment() {
        FunctionConfig config = FunctionConfig.fromEnvironment(System.getenv());
        return of(config, config.awsClients().dynamoDb(), Clock.systemUTC());
    }

    public static DncWiring of(FunctionConfig config, DynamoDbClient dynamoDb, Clock clock) {
        Json json = Json.standard();
        PhoneNumbers phones = new PhoneNumbers();
        DynamoDoNotCallStore store = new DynamoDoNotCallStore(dynamoDb, config.tenantsTable());
        DoNotCallList lists = new DoNotCallList(store, new DynamoTenantAdminStore(dynamoDb, config.tenantsTable()),
                phones, clock);
        return new DncWiring(json, lists, new DncImport(lists, store, phones, clock, IMPORT_PARALLELISM), config,
                RequestLog.standardOutput(json));
    }

    public ApiEvents apiEvents() {
        return new ApiEvents(json, config.tenantClaim(), config.scopeClaim(), requestLog);
    }
}
