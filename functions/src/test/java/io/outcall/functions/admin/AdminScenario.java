package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.MakeCallHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.outcall.functions.admin.AdminApi.send;
import static io.outcall.functions.admin.TenantAdminApiTest.create;
import static io.outcall.functions.admin.TenantAdminApiTest.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every admin test class starts: its own DynamoDB Local and ElasticMQ, and the admin wiring over them. */
abstract class AdminScenario {

    static AdminBackends backends;
    static AdminWiring wiring;

    @BeforeAll
    static void startBackends() {
        backends = AdminBackends.start();
        wiring = backends.wiring();
    }

    @AfterAll
    static void stopBackends() {
        backends.close();
    }

    /** A new tenant with one active DID, its queue drained. */
    static String tenantWithDid(String prefix) {
        String id = fresh(prefix);
        assertEquals(201, create(id).status());
        new DynamoTenantStore(backends.local().dynamoDb(), "TenantsTable").put(new Did(id, "did-1", "+14045550113", null, true, null, 0));
        backends.drainQueue();
        return id;
    }

    /** Places a call for {@code tenantId} through POST /calls; the one queue message it sent. */
    static JsonNode place(String tenantId, String body) {
        AdminApi.Response placed = send(new MakeCallHandler(backends.intake()),
                ApiGatewayEvents.request("POST", "/calls", Map.of(), body).tenantClaim(tenantId));
        assertEquals(202, placed.status(), () -> String.valueOf(placed.body()));
        List<String> bodies = backends.drainQueue();
        assertEquals(1, bodies.size());
        return ApiGatewayEvents.parse(bodies.getFirst().getBytes(StandardCharsets.UTF_8));
    }
}
