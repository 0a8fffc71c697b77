package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.JourneyMakeCallHandler;
import io.outcall.functions.intake.JourneyMakeCallsHandler;
import io.outcall.functions.intake.MakeCallHandler;
import io.outcall.functions.intake.MakeCallsHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.outcall.functions.admin.AdminApi.admin;
import static io.outcall.functions.admin.AdminApi.send;
import static io.outcall.functions.admin.TenantAdminApiTest.getOwn;
import static io.outcall.functions.admin.TenantAdminApiTest.patchOwn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry policy through the tenant admin API, POST /calls, POST /calls/batch and the journey
 * inputs, on DynamoDB Local and ElasticMQ (each API answer checked against openapi.yaml): the tenant's
 * policy is readable and editable field by field; a call's {@code retry} overrides it field by field and
 * reaches the bridge in the queue message; a bad value is a 400 naming the field with nothing queued;
 * and the policy is part of what an Idempotency-Key stands for.
 */
class RetrySettingsApiTest extends AdminScenario {

    @Test
    void anAdminSetsTheTenantsPolicyFieldByFieldAndRemovesIt() {
        String id = tenantWithDid("retry-tenant");
        assertTrue(getOwn(id).body().path("retry").isMissingNode(), "no policy unless asked: calls are dialed once");
        assertTrue(place(id, "{\"to\":\"+14045550123\"}").path("retry").isMissingNode());

        AdminApi.Response patched = patchOwn(id, "\"1\"", "{\"retry\":{\"maxAttempts\":4}}");
        assertEquals(200, patched.status(), () -> String.valueOf(patched.body()));
        assertEquals(policy(List.of("NO_ANSWER", "BUSY", "CONGESTION"), 4, 300), patched.body().get("retry"),
                "the fields left out are the defaults");
        JsonNode audited = send(new TenantAuditHandler(wiring), admin(id, "GET", "/tenant/audit", null)).body()
                .get("items").get(0).get("changes");
        assertEquals(List.of("retry.delaySeconds", "retry.maxAttempts", "retry.on"),
                audited.findValuesAsText("field").stream().sorted().toList(), "audited field by field");
        AdminApi.Response narrowed = patchOwn(id, "\"2\"", "{\"retry\":{\"on\":[\"NO_ANSWER\"],\"delaySeconds\":900}}");
        assertEquals(policy(List.of("NO_ANSWER"), 4, 900), narrowed.body().get("retry"), "a patch merges into the policy");
        assertEquals(policy(List.of("NO_ANSWER"), 4, 900), getOwn(id).body().get("retry"));

        JsonNode message = place(id, "{\"to\":\"+14045550123\"}");
        assertEquals(5, message.get("schemaVersion").asInt());
        assertEquals(policy(List.of("NO_ANSWER"), 4, 900), message.get("retry"));
        assertTrue(message.path("attempt").isMissingNode(), "attempt 1 is left out");

        AdminApi.Response removed = patchOwn(id, "\"3\"", "{\"retry\":null}");
        assertEquals(200, removed.status(), () -> String.valueOf(removed.body()));
        assertTrue(removed.body().path("retry").isMissingNode());
        assertTrue(place(id, "{\"to\":\"+14045550123\"}").path("retry").isMissingNode());
    }

    @Test
    void thePlatformCreatesATenantWithAPolicy() {
        String id = TenantAdminApiTest.fresh("retry-created");
        String body = TenantAdminApiTest.tenantBody(id).replace("\"limits\"",
                "\"retry\":{\"on\":[\"BUSY\"],\"maxAttempts\":2,\"delaySeconds\":120},\"limits\"");
        AdminApi.Response created = send(new CreateTenantHandler(wiring), AdminApi.platform("POST", "/tenants", Map.of(), body));
        assertEquals(201, created.status(), () -> String.valueOf(created.body()));
        assertEquals(policy(List.of("BUSY"), 2, 120), created.body().get("retry"));
        assertEquals(policy(List.of("BUSY"), 2, 120), getOwn(id).body().get("retry"));
    }

    @Test
    void aBadTenantPolicyIsA400NamingTheField() {
        String id = tenantWithDid("retry-bad-tenant");
        Map<String, String> cases = Map.of(
                "{\"retry\":{\"maxAttempts\":11}}", "retry.maxAttempts",
                "{\"retry\":{\"delaySeconds\":59}}", "retry.delaySeconds",
                "{\"retry\":{\"on\":[\"ANSWERED\"]}}", "retry.on[0]",
                "{\"retry\":{\"tries\":2}}", "retry.tries",
                "{\"retry\":3}", "retry");
        cases.forEach((patch, field) -> {
            AdminApi.Response refused = patchOwn(id, "\"1\"", patch);
            assertEquals(400, refused.status(), patch);
            assertEquals(List.of(field), refused.body().path("errors").findValuesAsText("field"), patch);
        });
        assertTrue(getOwn(id).body().path("retry").isMissingNode(), "nothing was written");
    }

    @Test
    void aCallOverridesItsTenantsPolicyFieldByField() {
        String id = tenantWithDid("retry-call");
        patchOwn(id, "\"1\"", "{\"retry\":{\"maxAttempts\":4,\"delaySeconds\":600}}");

        JsonNode busyOnly = place(id, "{\"to\":\"+14045550123\",\"retry\":{\"on\":[\"BUSY\"]}}");
        assertEquals(policy(List.of("BUSY"), 4, 600), busyOnly.get("retry"), "the tenant's other fields stay");
        JsonNode once = place(id, "{\"to\":\"+14045550123\",\"retry\":{\"maxAttempts\":1}}");
        assertEquals(1, once.at("/retry/maxAttempts").asInt(), "a call may decline retries");

        String other = tenantWithDid("retry-call-none");
        JsonNode overDefaults = place(other, "{\"to\":\"+14045550123\",\"retry\":{\"delaySeconds\":120}}");
        assertEquals(policy(List.of("NO_ANSWER", "BUSY", "CONGESTION"), 3, 120), overDefaults.get("retry"),
                "a tenant without a policy: the defaults with the call's fields");
    }

    @Test
    void aBadCallPolicyIsA400NamingTheFieldAndQueuesNothing() {
        String id = tenantWithDid("retry-call-bad");
        Map<String, String> cases = Map.of(
                "{\"maxAttempts\":0}", "retry.maxAttempts",
                "{\"maxAttempts\":\"3\"}", "retry.maxAttempts",
                "{\"delaySeconds\":86401}", "retry.delaySeconds",
                "{\"on\":[\"BUSY\",\"CANCELED\"]}", "retry.on[1]",
                "{\"on\":\"BUSY\"}", "retry.on");
        cases.forEach((retry, field) -> {
            AdminApi.Response refused = send(new MakeCallHandler(backends.intake()), ApiGatewayEvents.request("POST",
                    "/calls", Map.of(), "{\"to\":\"+14045550123\",\"retry\":" + retry + "}").tenantClaim(id));
            assertEquals(400, refused.status(), retry);
            assertEquals(List.of(field), refused.body().path("errors").findValuesAsText("field"), retry);
        });
        assertEquals(List.of(), backends.drainQueue(), "nothing queued");
    }

    @Test
    void anIdempotencyKeyStandsForThePolicyToo() {
        String id = tenantWithDid("retry-key");
        String key = "order-" + UUID.randomUUID();
        AdminApi.Response first = postWithKey(id, key, "{\"to\":\"+14045550123\",\"retry\":{\"maxAttempts\":2}}");
        assertEquals(202, first.status(), () -> String.valueOf(first.body()));
        AdminApi.Response same = postWithKey(id, key, "{\"to\":\"+14045550123\",\"retry\":{\"maxAttempts\":2}}");
        assertEquals(first.body().get("callId"), same.body().get("callId"), "the same request replays");
        AdminApi.Response changed = postWithKey(id, key, "{\"to\":\"+14045550123\",\"retry\":{\"maxAttempts\":3}}");
        assertEquals(409, changed.status(), "another policy under the same key is another request");
        AdminApi.Response without = postWithKey(id, key, "{\"to\":\"+14045550123\"}");
        assertEquals(409, without.status());
        backends.drainQueue();
    }

    @Test
    void batchItemsAndJourneyInputsCarryTheirOwnPolicy() throws IOException {
        String id = tenantWithDid("retry-batch");
        AdminApi.Response batch = send(new MakeCallsHandler(backends.intake()), ApiGatewayEvents.request("POST",
                "/calls/batch", Map.of(), """
                        {"calls":[{"to":"+14045550123","retry":{"maxAttempts":5}},
                                  {"to":"+14045550124","retry":{"delaySeconds":30}},
                                  {"to":"+14045550125"}]}""").tenantClaim(id));
        assertEquals(200, batch.status(), () -> String.valueOf(batch.body()));
        List<Integer> statuses = new java.util.ArrayList<>();
        batch.body().get("results").forEach(result -> statuses.add(result.get("status").asInt()));
        assertEquals(List.of(202, 400, 202), statuses);
        assertEquals("retry.delaySeconds", batch.body().at("/results/1/problem/errors/0/field").asText());
        List<JsonNode> messages = backends.drainQueue().stream()
                .map(body -> ApiGatewayEvents.parse(body.getBytes(StandardCharsets.UTF_8))).toList();
        assertEquals(List.of(5), messages.stream().filter(m -> m.has("retry"))
                .map(m -> m.at("/retry/maxAttempts").asInt()).toList(), "only the item that asked has a policy");

        String journey = """
                {"tenantId":"%s","journeyId":"j-1","executionId":"exec-%s","stepId":"s-1","to":"+14045550126",
                 "retry":{"on":["NO_ANSWER"],"maxAttempts":2,"delaySeconds":60}}""".formatted(id, UUID.randomUUID());
        new JourneyMakeCallHandler(backends.intake()).handleRequest(
                new ByteArrayInputStream(journey.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        String steps = """
                {"tenantId":"%s","journeyId":"j-1","executionId":"exec-%s","steps":[
                  {"stepId":"s-1","to":"+14045550127","retry":{"maxAttempts":3,"on":["BUSY"]}}]}"""
                .formatted(id, UUID.randomUUID());
        new JourneyMakeCallsHandler(backends.intake()).handleRequest(
                new ByteArrayInputStream(steps.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        List<JsonNode> journeyMessages = backends.drainQueue().stream()
                .map(body -> ApiGatewayEvents.parse(body.getBytes(StandardCharsets.UTF_8))).toList();
        assertEquals(List.of(policy(List.of("NO_ANSWER"), 2, 60), policy(List.of("BUSY"), 3, 300)),
                journeyMessages.stream().map(m -> m.get("retry")).toList());
    }

    private static AdminApi.Response postWithKey(String tenantId, String key, String body) {
        return send(new MakeCallHandler(backends.intake()), ApiGatewayEvents.request("POST", "/calls", Map.of(), body)
                .tenantClaim(tenantId).header("idempotency-key", key));
    }

    private static JsonNode policy(List<String> on, int maxAttempts, int delaySeconds) {
        return ApiGatewayEvents.parse(("{\"on\":[" + String.join(",", on.stream().map(d -> "\"" + d + "\"").toList())
                + "],\"maxAttempts\":" + maxAttempts + ",\"delaySeconds\":" + delaySeconds + "}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
