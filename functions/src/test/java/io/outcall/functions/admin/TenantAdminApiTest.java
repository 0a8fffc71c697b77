package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.MakeCallHandler;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.outcall.functions.admin.AdminApi.admin;
import static io.outcall.functions.admin.AdminApi.platform;
import static io.outcall.functions.admin.AdminApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Tenant administration end to end: real API Gateway events through the handlers, on DynamoDB Local. */
class TenantAdminApiTest extends AdminScenario {


    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String tenantBody(String id) {
        return """
                {"tenantId":"%s","name":"Initech","defaultRegion":"US","allowedContexts":["DynamicIVR","Hold"],
                 "defaultContext":"DynamicIVR","limits":{"callsPerSecond":3,"concurrentCalls":20}}""".formatted(id);
    }

    static AdminApi.Response create(String id) {
        return send(new CreateTenantHandler(wiring), platform("POST", "/tenants", Map.of(), tenantBody(id)));
    }

    static AdminApi.Response getOwn(String tenantId) {
        return send(new OwnTenantHandler(wiring), admin(tenantId, "GET", "/tenant", null));
    }

    static AdminApi.Response patchOwn(String tenantId, String ifMatch, String patch) {
        ApiGatewayEvents event = admin(tenantId, "PATCH", "/tenant", patch).header("content-type", OwnTenantHandler.MERGE_PATCH)
                .header("if-match", ifMatch);
        return send(new OwnTenantHandler(wiring), event);
    }

    // ---- platform ----------------------------------------------------------------------------

    @Test
    void thePlatformCreatesATenantAndReadsItBack() {
        String id = fresh("initech");
        AdminApi.Response created = create(id);

        assertEquals(201, created.status(), created.body()::toPrettyString);
        assertEquals("/tenants/" + id, created.header("location"));
        assertEquals("\"1\"", created.header("etag"));
        assertEquals("active", created.body().get("status").asText());
        assertEquals("leastRecentlyUsed", created.body().get("callerIdStrategy").asText(), "a default");
        assertEquals(30, created.body().get("ringTimeoutSeconds").asInt(), "a default");
        assertEquals(3, created.body().at("/limits/callsPerSecond").asInt());

        AdminApi.Response read = send(new ReadTenantsHandler(wiring), platform("GET", "/tenants/" + id, Map.of("tenantId", id), null));
        assertEquals(200, read.status());
        assertEquals(created.body(), read.body());
        assertEquals("\"1\"", read.header("etag"));
    }

    @Test
    void aTenantIdIsTakenOnce() {
        String id = fresh("dup");
        assertEquals(201, create(id).status());
        AdminApi.Response again = create(id);
        assertEquals(409, again.status());
        assertEquals("https://outcall.dev/problems/tenant-exists", again.body().get("type").asText());
    }

    @Test
    void thePlatformPagesThroughEveryTenant() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(fresh("page" + i));
            assertEquals(201, create(ids.getLast()).status());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor);
            ApiGatewayEvents event = platform("GET", "/tenants", Map.of(), null);
            AdminApi.Response page = send(new ReadTenantsHandler(wiring), event.query(query));
            assertEquals(200, page.status(), () -> String.valueOf(page.body()));
            assertTrue(page.body().get("items").size() <= 2);
            page.body().get("items").forEach(t -> seen.add(t.get("tenantId").asText()));
            cursor = page.body().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null && pages < 100);
        assertTrue(seen.containsAll(ids), "every tenant listed: " + seen);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "none twice");
        assertEquals(seen.stream().sorted().toList(), seen, "in id order");
    }

    @Test
    void anUnknownTenantIsNotFound() {
        AdminApi.Response missing = send(new ReadTenantsHandler(wiring),
                platform("GET", "/tenants/no-such-tenant", Map.of("tenantId", "no-such-tenant"), null));
        assertEquals(404, missing.status());
        AdminApi.Response malformed = send(new ReadTenantsHandler(wiring),
                platform("GET", "/tenants/NO_SUCH", Map.of("tenantId", "NO_SUCH"), null));
        assertEquals(404, malformed.status(), "an id that could not exist reads like a missing one");
        assertEquals(404, getOwn("no-such-tenant").status(), "an admin of a tenant that does not exist");
    }

    static Stream<Arguments> badTenants() {
        String ok = tenantBody("ID");
        return Stream.of(
                bad("id with capitals", ok.replace("\"ID\"", "\"Bad_Id\""), "tenantId"),
                bad("id too short", ok.replace("\"ID\"", "\"ab\""), "tenantId"),
                bad("id missing", ok.replace("\"tenantId\":\"ID\",", ""), "tenantId"),
                bad("name with a control character", ok.replace("Initech", "Ini\\u0007tech"), "name"),
                bad("unknown region", ok.replace("\"US\"", "\"XX\""), "defaultRegion"),
                bad("context with a space", ok.replace("\"Hold\"", "\"Ho ld\""), "allowedContexts[1]"),
                bad("context of 81 characters", ok.replace("\"Hold\"", "\"" + "H".repeat(81) + "\""), "allowedContexts[1]"),
                bad("default context not allowed", ok.replace("\"defaultContext\":\"DynamicIVR\"", "\"defaultContext\":\"Other\""), "defaultContext"),
                bad("calls per second of 0", ok.replace("\"callsPerSecond\":3", "\"callsPerSecond\":0"), "limits.callsPerSecond"),
                bad("a million concurrent calls", ok.replace("\"concurrentCalls\":20", "\"concurrentCalls\":1000000"), "limits.concurrentCalls"),
                bad("unknown limit", ok.replace("\"concurrentCalls\":20", "\"concurrentCalls\":20,\"burst\":3"), "limits.burst"),
                bad("unknown field", ok.replace("\"name\"", "\"nmae\":\"x\",\"name\""), "nmae"),
                bad("unknown caller-ID strategy", ok.replace("\"name\"", "\"callerIdStrategy\":\"random\",\"name\""), "callerIdStrategy"),
                bad("ring timeout of 3 seconds", ok.replace("\"name\"", "\"ringTimeoutSeconds\":3,\"name\""), "ringTimeoutSeconds"),
                bad("retention of 0 days", ok.replace("\"name\"", "\"timelineRetentionDays\":0,\"name\""), "timelineRetentionDays"));
    }

    private static Arguments bad(String name, String body, String field) {
        return arguments(Named.of(name, body), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTenants")
    void badTenantInputIsA400NamingTheFieldAndWritesNothing(String body, String field) {
        String id = fresh("bad");
        AdminApi.Response response = send(new CreateTenantHandler(wiring), platform("POST", "/tenants", Map.of(),
                body.replace("\"ID\"", "\"" + id + "\"")));
        assertEquals(400, response.status(), () -> String.valueOf(response.body()));
        assertTrue(response.body().path("errors").findValuesAsText("field").contains(field), response.body()::toPrettyString);
        assertEquals(404, send(new ReadTenantsHandler(wiring), platform("GET", "/tenants/" + id, Map.of("tenantId", id), null)).status(),
                "nothing written");
    }

    // ---- scopes ------------------------------------------------------------------------------

    @Test
    void eachRouteNeedsItsOwnScope() {
        String id = fresh("scoped");
        assertEquals(201, create(id).status());
        ApiGatewayEvents adminCreating = admin(id, "POST", "/tenants", tenantBody(fresh("x")));
        AdminApi.Response refused = send(new CreateTenantHandler(wiring), adminCreating);
        assertEquals(403, refused.status());
        assertTrue(refused.body().get("detail").asText().contains("outcall/platform"));

        AdminApi.Response callsToken = send(new OwnTenantHandler(wiring),
                admin(id, "GET", "/tenant", null).scopeClaim("outcall/calls"));
        assertEquals(403, callsToken.status());
        assertTrue(callsToken.body().get("detail").asText().contains("outcall/admin"));
        assertEquals(403, send(new OwnTenantHandler(wiring), admin(id, "GET", "/tenant", null).scopeClaim(null)).status(),
                "a token without scopes keeps only what it always had");
        assertEquals(403, send(new TenantStateHandler(wiring), admin(id, "POST", "/tenants/" + id + "/reactivate", null)).status());
    }

    // ---- the tenant's own settings -------------------------------------------------------------

    @Test
    void anAdminPatchesItsTenantWithAMergePatchAndTheVersionItRead() {
        String id = fresh("patchy");
        create(id);
        AdminApi.Response read = getOwn(id);
        assertEquals(200, read.status());
        assertEquals("\"1\"", read.header("etag"));

        AdminApi.Response patched = patchOwn(id, "\"1\"", """
                {"callerIdStrategy":"localPresence","limits":{"concurrentCalls":40},"defaultContext":null,
                 "timelineRetentionDays":30}""");
        assertEquals(200, patched.status(), () -> String.valueOf(patched.body()));
        assertEquals("\"2\"", patched.header("etag"));
        assertEquals("localPresence", patched.body().get("callerIdStrategy").asText());
        assertEquals(40, patched.body().at("/limits/concurrentCalls").asInt());
        assertEquals(3, patched.body().at("/limits/callsPerSecond").asInt(), "a merge patch leaves the rest of an object");
        assertTrue(patched.body().path("defaultContext").isMissingNode(), "null removes a member");
        assertEquals(30, patched.body().get("timelineRetentionDays").asInt());
        assertEquals(patched.body(), getOwn(id).body());

        AdminApi.Response stale = patchOwn(id, "\"1\"", "{\"ringTimeoutSeconds\":45}");
        assertEquals(412, stale.status(), "someone changed it since version 1");
        assertEquals(30, getOwn(id).body().get("ringTimeoutSeconds").asInt(), "the stale patch wrote nothing");
    }

    @Test
    void aPatchNeedsIfMatchAndTheMergePatchMediaType() {
        String id = fresh("strict");
        create(id);
        assertEquals(428, patchOwn(id, null, "{\"ringTimeoutSeconds\":45}").status());
        assertEquals(412, patchOwn(id, "*", "{\"ringTimeoutSeconds\":45}").status());
        ApiGatewayEvents plainJson = admin(id, "PATCH", "/tenant", "{\"ringTimeoutSeconds\":45}").header("if-match", "\"1\"");
        assertEquals(415, send(new OwnTenantHandler(wiring), plainJson).status());
        assertEquals("\"1\"", getOwn(id).header("etag"), "nothing changed");
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                bad("a default context the tenant does not allow", "{\"defaultContext\":\"Elsewhere\"}", "defaultContext"),
                bad("contexts that leave out the default", "{\"allowedContexts\":[\"Hold\"]}", "defaultContext"),
                bad("no name", "{\"name\":null}", "name"),
                bad("no contexts at all", "{\"allowedContexts\":[]}", "allowedContexts"),
                bad("the tenant id", "{\"tenantId\":\"other\"}", "tenantId"),
                bad("an unknown region", "{\"defaultRegion\":\"ZZ\"}", "defaultRegion"),
                bad("a name with LF", "{\"name\":\"A\\nB\"}", "name"),
                bad("a limit out of bounds", "{\"limits\":{\"callsPerSecond\":100000}}", "limits.callsPerSecond"),
                bad("limits that are not an object", "{\"limits\":5}", "limits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPatches")
    void aPatchThatWouldLeaveTheTenantInvalidIsA400AndWritesNothing(String patch, String field) {
        String id = fresh("invalid");
        create(id);
        JsonNode before = getOwn(id).body();
        AdminApi.Response response = patchOwn(id, "\"1\"", patch);
        assertEquals(400, response.status(), () -> String.valueOf(response.body()));
        assertTrue(response.body().path("errors").findValuesAsText("field").contains(field), response.body()::toPrettyString);
        assertEquals(before, getOwn(id).body(), "nothing written");
    }

    // ---- audit -------------------------------------------------------------------------------

    @Test
    void everyChangeIsAuditedNewestFirstWithWhoAndBeforeAndAfter() {
        String id = fresh("audited");
        create(id);
        patchOwn(id, "\"1\"", "{\"ringTimeoutSeconds\":45}");
        patchOwn(id, "\"2\"", "{\"ringTimeoutSeconds\":45}");
        send(new TenantStateHandler(wiring), platform("POST", "/tenants/" + id + "/suspend", Map.of("tenantId", id),
                "{\"reason\":\"unpaid invoice\"}"));

        AdminApi.Response audit = send(new TenantAuditHandler(wiring), admin(id, "GET", "/tenant/audit", null));
        assertEquals(200, audit.status());
        JsonNode items = audit.body().get("items");
        assertEquals(List.of("tenant.suspended", "tenant.updated", "tenant.created"), items.findValuesAsText("action"),
                "newest first; a patch that changes nothing is no change");
        assertEquals("operator-1", items.get(0).get("actor").asText());
        assertEquals("admin-of-" + id, items.get(1).get("actor").asText());
        JsonNode change = items.get(1).get("changes").get(0);
        assertEquals("ringTimeoutSeconds", change.get("field").asText());
        assertEquals("30", change.get("before").asText());
        assertEquals("45", change.get("after").asText());
        assertTrue(items.get(2).get("changes").findValuesAsText("field").contains("name"));
        assertTrue(items.get(2).get("changes").get(0).get("before").isNull(), "a creation has no before");

        AdminApi.Response first = send(new TenantAuditHandler(wiring),
                admin(id, "GET", "/tenant/audit", null).query(Map.of("limit", "2")));
        assertEquals(2, first.body().get("items").size());
        AdminApi.Response second = send(new TenantAuditHandler(wiring), admin(id, "GET", "/tenant/audit", null)
                .query(Map.of("limit", "2", "cursor", first.body().get("nextCursor").asText())));
        assertEquals(List.of("tenant.created"), second.body().get("items").findValuesAsText("action"));
        assertNull(second.body().get("nextCursor"));

        String other = fresh("other");
        create(other);
        assertEquals(List.of("tenant.created"), send(new TenantAuditHandler(wiring), admin(other, "GET", "/tenant/audit", null))
                .body().get("items").findValuesAsText("action"), "another tenant sees only its own");
    }

    // ---- suspension and the call path ----------------------------------------------------------

    @Test
    void aSuspendedTenantsNewCallsAreRefusedWithTheReasonUntilReactivated() {
        String id = fresh("suspended");
        create(id);
        new DynamoTenantStore(backends.local().dynamoDb(), "TenantsTable").put(new Did(id, "did-1", "+14045550111", null, true, null, 0));
        MakeCallHandler makeCall = new MakeCallHandler(backends.intake());
        ApiGatewayEvents call = ApiGatewayEvents.request("POST", "/calls", Map.of(), "{\"to\":\"+14045550123\"}").tenantClaim(id);

        AdminApi.Response suspended = send(new TenantStateHandler(wiring), platform("POST", "/tenants/" + id + "/suspend",
                Map.of("tenantId", id), "{\"reason\":\"unpaid invoice\"}"));
        assertEquals(200, suspended.status(), () -> String.valueOf(suspended.body()));
        assertEquals("suspended", suspended.body().get("status").asText());
        assertEquals("unpaid invoice", suspended.body().at("/suspension/reason").asText());

        AdminApi.Response refused = send(makeCall, call);
        assertEquals(403, refused.status());
        assertEquals("https://outcall.dev/problems/tenant-suspended", refused.body().get("type").asText());
        assertTrue(refused.body().get("detail").asText().contains("unpaid invoice"));

        assertEquals(400, send(new TenantStateHandler(wiring), platform("POST", "/tenants/" + id + "/suspend",
                Map.of("tenantId", id), "{\"reason\":\"\"}")).status(), "a suspension says why");
        assertEquals("active", send(new TenantStateHandler(wiring), platform("POST", "/tenants/" + id + "/reactivate",
                Map.of("tenantId", id), null)).body().get("status").asText());
        AdminApi.Response placed = send(makeCall, call);
        assertEquals(202, placed.status(), () -> String.valueOf(placed.body()));
    }

    @Test
    void aCallTakesItsTenantsDefaultRingTimeout() {
        String id = fresh("patient");
        create(id);
        patchOwn(id, "\"1\"", "{\"ringTimeoutSeconds\":55}");
        new DynamoTenantStore(backends.local().dynamoDb(), "TenantsTable").put(new Did(id, "did-1", "+14045550112", null, true, null, 0));
        AdminApi.Response placed = send(new MakeCallHandler(backends.intake()),
                ApiGatewayEvents.request("POST", "/calls", Map.of(), "{\"to\":\"+14045550123\"}").tenantClaim(id));
        assertEquals(202, placed.status());
        Call call = new DynamoCallStore(backends.local().dynamoDb(), "CallsTable", "CallStatsTable")
                .find(placed.body().get("callId").asText()).orElseThrow();
        assertEquals(55, call.ringTimeoutSeconds());
    }

    @Test
    void aCallCarriesItsTenantsLimitsAndTimelineExpiryInItsMessage() throws Exception {
        String id = fresh("limited");
        create(id);
        patchOwn(id, "\"1\"", "{\"limits\":{\"callsPerSecond\":7},\"timelineRetentionDays\":30}");
        new DynamoTenantStore(backends.local().dynamoDb(), "TenantsTable").put(new Did(id, "did-1", "+14045550113", null, true, null, 0));
        backends.drainQueue();

        AdminApi.Response placed = send(new MakeCallHandler(backends.intake()),
                ApiGatewayEvents.request("POST", "/calls", Map.of(), "{\"to\":\"+14045550123\"}").tenantClaim(id));
        assertEquals(202, placed.status());

        List<String> bodies = backends.drainQueue();
        assertEquals(1, bodies.size());
        JsonNode message = ApiGatewayEvents.parse(bodies.getFirst().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, message.get("schemaVersion").asInt());
        assertEquals(7, message.at("/limits/callsPerSecond").asInt());
        assertEquals(20, message.at("/limits/concurrentCalls").asInt());
        Call call = new DynamoCallStore(backends.local().dynamoDb(), "CallsTable", "CallStatsTable")
                .find(placed.body().get("callId").asText()).orElseThrow();
        assertEquals(call.createdAt().plus(java.time.Duration.ofDays(30)).getEpochSecond(),
                message.get("timelineExpiresAt").asLong());
        assertEquals(call.createdAt().plus(java.time.Duration.ofDays(30)).getEpochSecond(),
                call.timelineExpiresAt().getEpochSecond(), "kept on the call item too, for a bridge that adopts it");
    }
}
