package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.functions.DncWiring;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.MakeCallHandler;
import io.outcall.functions.intake.MakeCallsHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.outcall.functions.admin.AdminApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Do-not-call lists through real API Gateway events, on DynamoDB Local and ElasticMQ. */
class DncApiTest extends AdminScenario {

    private static DncWiring dnc;

    @BeforeAll
    static void wireLists() {
        dnc = DncWiring.of(backends.config(), backends.local().dynamoDb(), Clock.systemUTC());
    }

    private static ApiGatewayEvents tenantEvent(String tenantId, String method, String number, String body) {
        String path = number == null ? "/tenant/dnc" : "/tenant/dnc/" + number;
        return ApiGatewayEvents.request(method, path, number == null ? Map.of() : Map.of("number", number), body)
                .tenantClaim(tenantId).scopeClaim("outcall/admin").claim("sub", "admin-of-" + tenantId);
    }

    private static AdminApi.Response tenant(String tenantId, String method, String number, String body) {
        return send(new TenantDncHandler(dnc), tenantEvent(tenantId, method, number, body));
    }

    private static AdminApi.Response platform(String method, String number) {
        return send(new PlatformDncHandler(dnc), ApiGatewayEvents.request(method, "/platform/dnc/" + number,
                Map.of("number", number), null).tenantClaim(null).scopeClaim("outcall/platform").claim("sub", "operator-1"));
    }

    private static AdminApi.Response importCsv(String tenantId, String csv) {
        return send(new TenantDncImportHandler(dnc), ApiGatewayEvents.request("POST", "/tenant/dnc/import", Map.of(), csv)
                .header("content-type", "text/csv").tenantClaim(tenantId).scopeClaim("outcall/admin")
                .claim("sub", "admin-of-" + tenantId));
    }

    private static AdminApi.Response call(String tenantId, String to) {
        return send(new MakeCallHandler(backends.intake()),
                ApiGatewayEvents.request("POST", "/calls", Map.of(), "{\"to\":\"" + to + "\"}").tenantClaim(tenantId));
    }

    private static int callsOf(String tenantId) {
        return backends.local().dynamoDb().scan(b -> b.tableName("CallsTable").filterExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))).count();
    }

    private static List<JsonNode> audit(String tenantId) {
        AdminApi.Response page = send(new TenantAuditHandler(wiring), AdminApi.admin(tenantId, "GET", "/tenant/audit", null));
        assertEquals(200, page.status());
        List<JsonNode> entries = new ArrayList<>();
        page.body().get("items").forEach(entries::add);
        return entries;
    }

    @Test
    void anAdminListsANumberInE164FindsItAndTakesItOffAgainEachChangeAudited() {
        String id = tenantWithDid("dnc-crud");
        AdminApi.Response added = tenant(id, "PUT", "(404) 555-0177", "{\"reason\":\"asked by phone\"}");
        assertEquals(201, added.status(), () -> String.valueOf(added.body()));
        assertEquals("+14045550177", added.body().get("number").asText(), "national input, the tenant's region");
        assertEquals("tenant", added.body().get("list").asText());
        assertEquals("admin-of-" + id, added.body().get("addedBy").asText());

        AdminApi.Response again = tenant(id, "PUT", "+14045550177", null);
        assertEquals(200, again.status(), "listing a listed number changes nothing");
        assertEquals("asked by phone", again.body().get("reason").asText());

        assertEquals(200, tenant(id, "GET", "+14045550177", null).status());
        assertEquals(204, tenant(id, "DELETE", "+14045550177", null).status());
        AdminApi.Response gone = tenant(id, "GET", "+14045550177", null);
        assertEquals(404, gone.status());
        assertEquals("https://outcall.dev/problems/number-not-listed", gone.body().get("type").asText());
        assertEquals(404, tenant(id, "DELETE", "+14045550177", null).status());

        List<String> actions = audit(id).stream().map(e -> e.get("action").asText()).toList();
        assertEquals(1, actions.stream().filter("dnc.added"::equals).count(), () -> actions.toString());
        assertEquals(1, actions.stream().filter("dnc.removed"::equals).count(), () -> actions.toString());
    }

    @Test
    void aBadNumberIsA400NamingTheField() {
        String id = tenantWithDid("dnc-bad");
        AdminApi.Response bad = tenant(id, "PUT", "12ab", null);
        assertEquals(400, bad.status());
        assertEquals("number", bad.body().get("errors").get(0).get("field").asText());
    }

    @Test
    void theListIsPagedInNumberOrder() {
        String id = tenantWithDid("dnc-page");
        for (String n : List.of("+14045550103", "+14045550101", "+14045550102")) {
            assertEquals(201, tenant(id, "PUT", n, null).status());
        }
        AdminApi.Response first = send(new TenantDncHandler(dnc), tenantEvent(id, "GET", null, null).query(Map.of("limit", "2")));
        assertEquals(200, first.status());
        assertEquals("+14045550101", first.body().get("items").get(0).get("number").asText());
        assertEquals(2, first.body().get("items").size());
        String cursor = first.body().get("nextCursor").asText();
        AdminApi.Response second = send(new TenantDncHandler(dnc), tenantEvent(id, "GET", null, null)
                .query(Map.of("limit", "2", "cursor", cursor)));
        assertEquals(1, second.body().get("items").size());
        assertEquals("+14045550103", second.body().get("items").get(0).get("number").asText());
        assertNull(second.body().get("nextCursor"));
    }

    @Test
    void aCallToANumberOnTheTenantsListIsRefused422AndNothingIsRecordedOrQueued() {
        String id = tenantWithDid("dnc-intake");
        assertEquals(201, tenant(id, "PUT", "+14045550188", null).status());
        AdminApi.Response refused = call(id, "404-555-0188");
        assertEquals(422, refused.status(), () -> String.valueOf(refused.body()));
        assertEquals("https://outcall.dev/problems/do-not-call", refused.body().get("type").asText());
        assertTrue(refused.body().get("detail").asText().contains("tenant do-not-call list"), refused.body().toString());
        assertEquals("to", refused.body().get("errors").get(0).get("field").asText());
        assertEquals(0, callsOf(id));
        assertTrue(backends.drainQueue().isEmpty());

        assertEquals(202, call(id, "+14045550189").status(), "other numbers are called");
        assertEquals(1, backends.drainQueue().size());
    }

    @Test
    void thePlatformListAppliesToEveryTenantAndOnlyThePlatformMayChangeIt() {
        String first = tenantWithDid("dnc-plat-a");
        String second = tenantWithDid("dnc-plat-b");
        AdminApi.Response added = platform("PUT", "+14045550199");
        assertEquals(201, added.status(), () -> String.valueOf(added.body()));
        assertEquals("platform", added.body().get("list").asText());

        for (String id : List.of(first, second)) {
            AdminApi.Response refused = call(id, "+14045550199");
            assertEquals(422, refused.status());
            assertTrue(refused.body().get("detail").asText().contains("platform do-not-call list"));
            assertEquals(0, callsOf(id));
        }
        assertTrue(backends.drainQueue().isEmpty());

        AdminApi.Response asAdmin = send(new PlatformDncHandler(dnc), ApiGatewayEvents.request("PUT",
                "/platform/dnc/+14045550198", Map.of("number", "+14045550198"), null).tenantClaim(first)
                .scopeClaim("outcall/admin").claim("sub", "admin-of-" + first));
        assertEquals(403, asAdmin.status(), "a tenant's admin cannot change the platform list");

        assertEquals(204, platform("DELETE", "+14045550199").status());
        assertEquals(202, call(first, "+14045550199").status());
        backends.drainQueue();
    }

    @Test
    void aBatchRefusesItsListedItemsAloneAsASingleRequestWould() {
        String id = tenantWithDid("dnc-batch");
        assertEquals(201, tenant(id, "PUT", "+14045550166", null).status());
        AdminApi.Response batch = send(new MakeCallsHandler(backends.intake()), ApiGatewayEvents.request("POST",
                "/calls/batch", Map.of(), "{\"calls\":[{\"to\":\"+14045550166\"},{\"to\":\"+14045550167\"}]}").tenantClaim(id));
        assertEquals(200, batch.status(), () -> String.valueOf(batch.body()));
        JsonNode results = batch.body().get("results");
        assertEquals(422, results.get(0).get("status").asInt(), results.toString());
        assertEquals("https://outcall.dev/problems/do-not-call", results.get(0).get("problem").get("type").asText());
        assertEquals(202, results.get(1).get("status").asInt());
        assertEquals(1, callsOf(id));
        assertEquals(1, backends.drainQueue().size());
    }

    @Test
    void anImportReportsEachBadLineAndCountsTheRest() {
        String id = tenantWithDid("dnc-import");
        assertEquals(201, tenant(id, "PUT", "+14045550150", null).status());
        String csv = """
                number,reason
                +14045550151,asked by email
                (404) 555-0152

                not-a-number
                +14045550150
                +14045550151
                +1404555015,too short
                "+14045550153","said ""stop""\"
                +14045550154,a,b
                """;
        AdminApi.Response report = importCsv(id, csv);
        assertEquals(200, report.status(), () -> String.valueOf(report.body()));
        JsonNode body = report.body();
        assertEquals(3, body.get("added").asInt(), body.toString());
        assertEquals(2, body.get("alreadyListed").asInt(), "one listed before, one repeated in the file");
        assertEquals(3, body.get("rejectedCount").asInt());
        JsonNode rejected = body.get("rejected");
        assertEquals(5, rejected.get(0).get("line").asInt());
        assertEquals("not-a-number", rejected.get(0).get("value").asText());
        assertTrue(rejected.get(0).get("reason").asText().startsWith("the number contains"), rejected.toString());
        assertEquals(8, rejected.get(1).get("line").asInt());
        assertEquals(10, rejected.get(2).get("line").asInt());
        assertTrue(rejected.get(2).get("reason").asText().contains("3 columns"));

        AdminApi.Response quoted = tenant(id, "GET", "+14045550153", null);
        assertEquals("said \"stop\"", quoted.body().get("reason").asText());
        assertEquals("import", quoted.body().get("source").asText());
        assertEquals(422, call(id, "+14045550152").status());
        assertTrue(audit(id).stream().anyMatch(e -> e.get("action").asText().equals("dnc.imported")));
    }

    @Test
    void anImportOfMoreThan100000NumbersIsRefusedWhole() {
        String id = tenantWithDid("dnc-import-big");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i <= 100_000; i++) {
            csv.append("+1404").append(String.format("%07d", i)).append('\n');
        }
        AdminApi.Response refused = importCsv(id, csv.toString());
        assertEquals(413, refused.status());
        assertEquals("https://outcall.dev/problems/too-many-numbers", refused.body().get("type").asText());
        assertTrue(refused.body().get("detail").asText().contains("100000"), refused.body().toString());
        AdminApi.Response page = send(new TenantDncHandler(dnc), tenantEvent(id, "GET", null, null));
        assertFalse(page.body().get("items").elements().hasNext(), "nothing imported");
    }
}
