package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.dynamo.DynamoTenantNumberStore;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.NumberKind;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantAdmin;
import io.outcall.core.tenant.TenantNumbers;
import io.outcall.core.tenant.TenantValidation;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The tenant a newcomer calls with: two DIDs, two weighted transfer numbers, the simulator's
 * contexts. Onboarded the way an operator would, through the tenant administration services
 * (validated, audited as {@code run-local}), never by writing items.
 */
final class DemoTenant {

    static final String ID = "demo";
    private static final String ACTOR = "run-local";
    private static final String SETTINGS = """
            {"name":"Demo Ltd","defaultRegion":"US","allowedContexts":["DynamicIVR","Hold"],
             "defaultContext":"DynamicIVR"}""";

    private DemoTenant() {
    }

    /**
     * Creates the demo tenant, or on kept data brings its settings back to the demo's (a no-op
     * when they are); DIDs and transfer numbers are added only to a tenant that has none, so use
     * counts survive a restart.
     */
    static void seed(DynamoDbClient dynamoDb, String tenantsTable) {
        DynamoTenantAdminStore store = new DynamoTenantAdminStore(dynamoDb, tenantsTable);
        PhoneNumbers phones = new PhoneNumbers();
        TenantAdmin tenants = new TenantAdmin(store, new TenantValidation(phones), Clock.systemUTC());
        TenantNumbers numbers = new TenantNumbers(new DynamoTenantNumberStore(dynamoDb, tenantsTable), store, phones,
                new SecureRandom(), Clock.systemUTC());
        Optional<Tenant> existing = store.find(ID);
        if (existing.isEmpty()) {
            tenants.create(ACTOR, json("{\"tenantId\":\"" + ID + "\"," + SETTINGS.substring(1)));
        } else {
            tenants.patch(ACTOR, ID, existing.get().version(), json(SETTINGS));
        }
        if (numbers.list(ID, NumberKind.DID).isEmpty()) {
            numbers.add(ACTOR, ID, NumberKind.DID, json("{\"number\":\"+14045550100\",\"label\":\"main\",\"callerName\":\"Demo\"}"));
            numbers.add(ACTOR, ID, NumberKind.DID, json("{\"number\":\"+14045550101\",\"label\":\"sales\",\"callerName\":\"Demo Sales\"}"));
        }
        // A demo tenant kept from before the admin API lists its transfer numbers on its own item.
        if (numbers.list(ID, NumberKind.TRANSFER).isEmpty() && tenants.get(ID).transferNumbers().isEmpty()) {
            numbers.add(ACTOR, ID, NumberKind.TRANSFER, json("{\"number\":\"+14045550199\",\"weight\":3,\"label\":\"desk\"}"));
            numbers.add(ACTOR, ID, NumberKind.TRANSFER, json("{\"number\":\"+14045550198\",\"weight\":1,\"label\":\"overflow\"}"));
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
