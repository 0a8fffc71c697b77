package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.MakeCallHandler;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.outcall.functions.admin.AdminApi.admin;
import static io.outcall.functions.admin.AdminApi.platform;
import static io.outcall.functions.admin.AdminApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** DIDs and transfer numbers through real API Gateway events, on DynamoDB Local. */
class TenantNumbersApiTest extends AdminScenario {


    private static String tenant() {
        String id = TenantAdminApiTest.fresh("numbers");
        AdminApi.Response created = send(new CreateTenantHandler(wiring),
                platform("POST", "/tenants", Map.of(), TenantAdminApiTest.tenantBody(id)));
        assertEquals(201, created.status());
        return id;
    }

    private static AdminApi.Response add(String tenantId, String kind, String body) {
        return send(new TenantNumbersHandler(wiring), admin(tenantId, "POST", "/tenant/" + kind, body));
    }

    private static JsonNode list(String tenantId, String kind) {
        AdminApi.Response listed = send(new TenantNumbersHandler(wiring), admin(tenantId, "GET", "/tenant/" + kind, null));
        assertEquals(200, listed.status());
        return listed.body().get("items");
    }

    private static AdminApi.Response patch(String tenantId, String kind, String id, String body) {
        ApiGatewayEvents event = ApiGatewayEvents.request("PATCH", "/tenant/" + kind + "/" + id, Map.of("numberId", id), body)
                .header("content-type", "application/merge-patch+json").tenantClaim(tenantId)
                .scopeClaim("outcall/admin").claim("sub", "admin-of-" + tenantId);
        return send(new TenantNumberHandler(wiring), event);
    }

    private static AdminApi.Response delete(String tenantId, String kind, String id) {
        ApiGatewayEvents event = ApiGatewayEvents.request("DELETE", "/tenant/" + kind + "/" + id, Map.of("numberId", id), null)
                .tenantClaim(tenantId).scopeClaim("outcall/admin").claim("sub", "admin-of-" + tenantId);
        return send(new TenantNumberHandler(wiring), event);
    }

    private static AdminApi.Response call(String tenantId, String body) {
        return send(new MakeCallHandler(backends.intake()),
                ApiGatewayEvents.request("POST", "/calls", Map.of(), body).tenantClaim(tenantId));
    }

    @Test
    void anAdminAddsADidInE164AndCallsUseItAndCountIt() {
        String id = tenant();
        AdminApi.Response added = add(id, "dids", "{\"number\":\"(404) 555-0142\",\"label\":\"Main line\",\"callerName\":\"Initech\"}");
        assertEquals(201, added.status(), () -> String.valueOf(added.body()));
        String didId = added.body().get("didId").asText();
        assertEquals("/tenant/dids/" + didId, added.header("location"));
        assertEquals("+14045550142", added.body().get("number").asText(), "national input, the tenant's region");
        assertEquals(0, added.body().get("useCount").asInt());

        AdminApi.Response placed = call(id, "{\"to\":\"+14045550123\"}");
        assertEquals(202, placed.status(), () -> String.valueOf(placed.body()));
        assertEquals("+14045550142", placed.body().get("from").asText());

        JsonNode dids = list(id, "dids");
        assertEquals(1, dids.size());
        assertEquals(1, dids.get(0).get("useCount").asInt());
        assertTrue(dids.get(0).has("lastUsedAt"));
        assertEquals("Main line", dids.get(0).get("label").asText());
    }

    @Test
    void aNumberBelongsToOneTenantPlatformWide() {
        String first = tenant();
        String second = tenant();
        assertEquals(201, add(first, "dids", "{\"number\":\"+14045550143\"}").status());
        AdminApi.Response taken = add(second, "dids", "{\"number\":\"+1 404 555 0143\"}");
        assertEquals(409, taken.status());
        assertEquals("https://outcall.dev/problems/number-taken", taken.body().get("type").asText());
        assertEquals(0, list(second, "dids").size(), "nothing half-written");
        assertEquals(409, add(first, "dids", "{\"number\":\"+14045550143\"}").status(), "not twice in one tenant either");
        assertEquals(1, list(first, "dids").size());
    }

    @Test
    void deleteDeactivatesAndTheIdIsNeverReused() {
        String id = tenant();
        String didId = add(id, "dids", "{\"number\":\"+14045550144\"}").body().get("didId").asText();
        AdminApi.Response deleted = delete(id, "dids", didId);
        assertEquals(200, deleted.status());
        assertEquals(false, deleted.body().get("active").asBoolean());

        AdminApi.Response noDid = call(id, "{\"to\":\"+14045550123\"}");
        assertEquals(400, noDid.status(), "a deactivated DID is never picked");
        assertEquals(1, list(id, "dids").size(), "it stays, so its id is never given to another number");

        String next = add(id, "dids", "{\"number\":\"+14045550145\"}").body().get("didId").asText();
        assertNotEquals(didId, next);
        AdminApi.Response reactivated = patch(id, "dids", didId, "{\"active\":true,\"label\":\"back\"}");
        assertEquals(200, reactivated.status());
        assertEquals("back", reactivated.body().get("label").asText());
        assertTrue(reactivated.body().get("active").asBoolean());
    }

    @Test
    void anotherTenantsNumberIsNotFoundLikeAMissingOne() {
        String owner = tenant();
        String other = tenant();
        String didId = add(owner, "dids", "{\"number\":\"+14045550146\"}").body().get("didId").asText();

        AdminApi.Response foreign = patch(other, "dids", didId, "{\"label\":\"mine now\"}");
        AdminApi.Response missing = patch(other, "dids", "did-nosuchthing", "{\"label\":\"mine now\"}");
        assertEquals(404, foreign.status());
        assertEquals(404, delete(other, "dids", didId).status());
        assertEquals(missing.body().get("type"), foreign.body().get("type"));
        assertEquals(1, list(owner, "dids").size());
        assertTrue(list(owner, "dids").get(0).path("label").isMissingNode(), "the owner's DID untouched");
    }

    @Test
    void transferNumbersCarryWeightsAndCallsPickAmongTheActiveOnes() {
        String id = tenant();
        add(id, "dids", "{\"number\":\"+14045550147\"}");
        AdminApi.Response transfer = add(id, "transfer-numbers", "{\"number\":\"+14045550190\",\"weight\":700,\"label\":\"Desk\"}");
        assertEquals(201, transfer.status(), () -> String.valueOf(transfer.body()));
        String transferId = transfer.body().get("transferNumberId").asText();
        assertEquals(700, transfer.body().get("weight").asInt());
        assertEquals(1, add(id, "transfer-numbers", "{\"number\":\"+14045550191\"}").body().get("weight").asInt(), "weight 1 by default");
        assertEquals(200, delete(id, "transfer-numbers",
                list(id, "transfer-numbers").findValuesAsText("transferNumberId").stream().filter(t -> !t.equals(transferId))
                        .findFirst().orElseThrow()).status());

        AdminApi.Response placed = call(id, "{\"to\":\"+14045550123\"}");
        Call call = new DynamoCallStore(backends.local().dynamoDb(), "CallsTable", "CallStatsTable")
                .find(placed.body().get("callId").asText()).orElseThrow();
        assertEquals("+14045550190", call.transferNumber(), "the only active transfer number");

        AdminApi.Response reweighted = patch(id, "transfer-numbers", transferId, "{\"weight\":5}");
        assertEquals(5, reweighted.body().get("weight").asInt());
    }

    static Stream<Arguments> badNumbers() {
        return Stream.of(
                bad("a number with letters", "dids", "{\"number\":\"1-800-FLOWERS\"}", "number"),
                bad("no number", "dids", "{\"label\":\"x\"}", "number"),
                bad("a number with LF", "dids", "{\"number\":\"+14045550148\\nAction: Originate\"}", "number"),
                bad("a caller name with angle brackets", "dids", "{\"number\":\"+14045550148\",\"callerName\":\"<evil>\"}", "callerName"),
                bad("a label of 65 characters", "dids", "{\"number\":\"+14045550148\",\"label\":\"" + "x".repeat(65) + "\"}", "label"),
                bad("a weight on a DID", "dids", "{\"number\":\"+14045550148\",\"weight\":3}", "weight"),
                bad("active as a string", "dids", "{\"number\":\"+14045550148\",\"active\":\"yes\"}", "active"),
                bad("weight 0", "transfer-numbers", "{\"number\":\"+14045550190\",\"weight\":0}", "weight"),
                bad("weight 1001", "transfer-numbers", "{\"number\":\"+14045550190\",\"weight\":1001}", "weight"),
                bad("a caller name on a transfer number", "transfer-numbers", "{\"number\":\"+14045550190\",\"callerName\":\"x\"}", "callerName"));
    }

    private static Arguments bad(String name, String kind, String body, String field) {
        return arguments(Named.of(name, kind), body, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNumbers")
    void badNumbersAreA400NamingTheFieldAndWriteNothing(String kind, String body, String field) {
        String id = tenant();
        AdminApi.Response response = add(id, kind, body);
        assertEquals(400, response.status(), () -> String.valueOf(response.body()));
        assertTrue(response.body().path("errors").findValuesAsText("field").contains(field), response.body()::toPrettyString);
        assertEquals(0, list(id, kind).size());
    }

    @Test
    void everyNumberChangeIsAudited() {
        String id = tenant();
        String didId = add(id, "dids", "{\"number\":\"+14045550149\",\"label\":\"a\"}").body().get("didId").asText();
        patch(id, "dids", didId, "{\"label\":\"b\"}");
        delete(id, "dids", didId);
        JsonNode items = send(new TenantAuditHandler(wiring), admin(id, "GET", "/tenant/audit", null)).body().get("items");
        assertEquals(List.of("did.deactivated", "did.updated", "did.added", "tenant.created"), items.findValuesAsText("action"));
        assertEquals(didId, items.get(0).get("subject").asText());
        JsonNode relabel = items.get(1).get("changes").get(0);
        assertEquals(List.of("label", "a", "b"), List.of(relabel.get("field").asText(), relabel.get("before").asText(),
                relabel.get("after").asText()));
    }

    @Test
    void numbersNeedTheAdminScope() {
        String id = tenant();
        AdminApi.Response refused = send(new TenantNumbersHandler(wiring),
                admin(id, "POST", "/tenant/dids", "{\"number\":\"+14045550150\"}").scopeClaim("outcall/calls"));
        assertEquals(403, refused.status());
        assertEquals(0, list(id, "dids").size());
    }
}
