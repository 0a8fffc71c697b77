package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.MakeCallHandler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.outcall.functions.admin.AdminApi.admin;
import static io.outcall.functions.admin.AdminApi.send;
import static io.outcall.functions.admin.TenantAdminApiTest.getOwn;
import static io.outcall.functions.admin.TenantAdminApiTest.patchOwn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recording through the tenant admin API and POST /calls, on DynamoDB Local and ElasticMQ (each
 * answer checked against openapi.yaml): the admin turns {@code record} on (audited), its calls
 * carry it to the bridge in a version 4 message unless a call says {@code record: false}, and a
 * value that is not a boolean is a 400 naming the field.
 */
class RecordingSettingsApiTest extends AdminScenario {

    @Test
    void anAdminTurnsRecordingOnAndEachCallMayDecline() {
        String id = tenantWithDid("rec-on");
        assertFalse(getOwn(id).body().get("record").asBoolean(), "off unless asked");
        assertEquals(2, place(id, "{\"to\":\"+14045550123\"}").get("schemaVersion").asInt());

        AdminApi.Response patched = patchOwn(id, "\"1\"", "{\"record\":true}");
        assertEquals(200, patched.status(), () -> String.valueOf(patched.body()));
        assertTrue(patched.body().get("record").asBoolean());

        JsonNode recorded = place(id, "{\"to\":\"+14045550123\"}");
        assertEquals(4, recorded.get("schemaVersion").asInt());
        assertTrue(recorded.get("record").asBoolean());
        JsonNode declined = place(id, "{\"to\":\"+14045550123\",\"record\":false}");
        assertEquals(2, declined.get("schemaVersion").asInt(), "a call not recorded is the message it always was");
        assertTrue(declined.path("record").isMissingNode());

        JsonNode change = send(new TenantAuditHandler(wiring), admin(id, "GET", "/tenant/audit", null)).body()
                .get("items").get(0).get("changes").get(0);
        assertEquals(List.of("record", "false", "true"),
                List.of(change.get("field").asText(), change.get("before").asText(), change.get("after").asText()));
    }

    @Test
    void aRecordThatIsNotABooleanIsA400NamingItAndQueuesNothing() {
        String id = tenantWithDid("rec-bad");
        AdminApi.Response refused = patchOwn(id, "\"1\"", "{\"record\":\"yes\"}");
        assertEquals(400, refused.status());
        assertEquals(List.of("record"), refused.body().path("errors").findValuesAsText("field"));

        AdminApi.Response badCall = send(new MakeCallHandler(backends.intake()), ApiGatewayEvents.request("POST", "/calls",
                Map.of(), "{\"to\":\"+14045550123\",\"record\":1}").tenantClaim(id));
        assertEquals(400, badCall.status());
        assertEquals(List.of("record"), badCall.body().path("errors").findValuesAsText("field"));
        assertEquals(List.of(), backends.drainQueue(), "nothing queued");
    }
}
