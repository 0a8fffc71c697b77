package io.outcall.functions.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trigger on the V2_0 event AWS documents for pre token generation (the Cognito developer
 * guide's "Example: Add claims, scopes, and groups to access tokens" request, as aws-lambda-java-libs
 * ships it), with the user's tenant attribute and groups set as each case needs.
 */
class TenantClaimTriggerTest {

    private static final List<String> CONSOLE_SCOPES = List.of("openid", "email", "outcall/calls", "outcall/admin",
            "outcall/platform");

    private final Json json = Json.standard();
    private final TenantClaimTrigger trigger = new TenantClaimTrigger(new JsonFactory(), "tenant_id");

    @Test
    void aTenantAdminGetsItsTenantAndTheAdminAndCallsScopesOnly() throws IOException {
        JsonNode answer = trigger(trigger, event("acme-corp", List.of("admin"), CONSOLE_SCOPES));
        JsonNode access = answer.path("response").path("claimsAndScopeOverrideDetails").path("accessTokenGeneration");
        assertEquals("acme-corp", access.path("claimsToAddOrOverride").path("tenant_id").asText());
        assertEquals(List.of("outcall/calls", "outcall/admin"), texts(access.path("scopesToAdd")));
        assertEquals(List.of("outcall/platform"), texts(access.path("scopesToSuppress")),
                "asked for by the console, not granted by the groups");
        assertEquals("2", answer.path("version").asText(), "the event goes back whole, its response filled in");
        assertEquals("us-east-1_EXAMPLE", answer.path("userPoolId").asText());
        assertEquals("Jane.Doe@example.com", answer.path("request").path("userAttributes").path("email").asText());
    }

    @Test
    void aCallsUserInOtherGroupsTooGetsTheCallsScopeAlone() throws IOException {
        JsonNode access = accessTokenOf(trigger(trigger, event("acme-corp", List.of("group-1", "calls"), CONSOLE_SCOPES)));
        assertEquals(List.of("outcall/calls"), texts(access.path("scopesToAdd")));
        assertEquals(List.of("outcall/admin", "outcall/platform"), texts(access.path("scopesToSuppress")));
    }

    @Test
    void theOperatorNeedsNoTenantAndGetsThePlatformScope() throws IOException {
        JsonNode access = accessTokenOf(trigger(trigger, event(null, List.of("platform"), List.of("openid"))));
        assertFalse(access.has("claimsToAddOrOverride"), "no tenant claim at all rather than an empty one");
        assertEquals(List.of("outcall/platform"), texts(access.path("scopesToAdd")));
        assertEquals(List.of(), texts(access.path("scopesToSuppress")));
    }

    @Test
    void theClaimIsNamedAsTheApiReadsIt() throws IOException {
        JsonNode access = accessTokenOf(trigger(new TenantClaimTrigger(new JsonFactory(), "tenant"), event("acme-corp", List.of("calls"),
                CONSOLE_SCOPES)));
        assertEquals("acme-corp", access.path("claimsToAddOrOverride").path("tenant").asText());
        assertFalse(access.path("claimsToAddOrOverride").has("tenant_id"));
    }

    @Test
    void aUserInNoRoleGroupGetsNoToken() {
        var refused = assertThrows(SignInRefusedException.class, () -> trigger(trigger, event("acme-corp",
                List.of("group-1", "group-2", "group-3"), CONSOLE_SCOPES)));
        assertTrue(refused.getMessage().contains("JaneDoe") && refused.getMessage().contains("calls, admin or platform"),
                refused.getMessage());
    }

    @Test
    void aTenantUserWithoutAWellFormedTenantGetsNoToken() {
        var missing = assertThrows(SignInRefusedException.class, () -> trigger(trigger, event(null, List.of("calls"),
                CONSOLE_SCOPES)));
        assertTrue(missing.getMessage().contains("custom:tenant_id"), missing.getMessage());
        assertThrows(SignInRefusedException.class, () -> trigger(trigger, event("Not A Tenant!", List.of("admin"),
                CONSOLE_SCOPES)));
        assertThrows(SignInRefusedException.class, () -> trigger(trigger, event("", List.of("platform", "calls"),
                CONSOLE_SCOPES)), "an operator who also places calls acts for a tenant");
    }

    /** AWS's sample event, its tenant attribute (none when null), groups and asked scopes replaced. */
    private ObjectNode event(String tenant, List<String> groups, List<String> scopes) throws IOException {
        ObjectNode event;
        try (InputStream sample = getClass().getResourceAsStream("/events/cognito/pre-token-generation-v2.json")) {
            event = (ObjectNode) json.read(sample);
        }
        ObjectNode request = (ObjectNode) event.get("request");
        if (tenant != null) {
            ((ObjectNode) request.get("userAttributes")).put("custom:tenant_id", tenant);
        }
        var groupNames = ((ObjectNode) request.get("groupConfiguration")).putArray("groupsToOverride");
        groups.forEach(groupNames::add);
        var asked = request.putArray("scopes");
        scopes.forEach(asked::add);
        return event;
    }

    private JsonNode trigger(TenantClaimTrigger handler, ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, null);
        return json.read(out.toByteArray());
    }

    private static JsonNode accessTokenOf(JsonNode answer) {
        return answer.path("response").path("claimsAndScopeOverrideDetails").path("accessTokenGeneration");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
