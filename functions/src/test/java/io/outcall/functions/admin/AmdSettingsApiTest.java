package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.MakeCallHandler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.outcall.functions.admin.AdminApi.send;
import static io.outcall.functions.admin.TenantAdminApiTest.create;
import static io.outcall.functions.admin.TenantAdminApiTest.fresh;
import static io.outcall.functions.admin.TenantAdminApiTest.getOwn;
import static io.outcall.functions.admin.TenantAdminApiTest.patchOwn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answering-machine detection through the tenant admin API and POST /calls, on DynamoDB Local and
 * ElasticMQ: the admin turns it on, each call may change it, the queue message carries it, and a
 * bad value is a 400 naming the field that writes nothing.
 */
class AmdSettingsApiTest extends AdminScenario {

    @Test
    void anAdminTurnsAmdOnAndItsCallsCarryItToTheBridge() {
        String id = tenantWithDid("amd-on");
        JsonNode before = getOwn(id).body();
        assertEquals("off", before.get("answeringMachineDetection").asText(), "off unless asked");
        assertEquals(2500, before.at("/amdParameters/initialSilenceMs").asInt(), "Asterisk's default");
        assertEquals(2, before.at("/amdParameters/maximumNumberOfWords").asInt(), "Asterisk's default");

        AdminApi.Response patched = patchOwn(id, "\"1\"", """
                {"answeringMachineDetection":"leaveMessage","amdParameters":{"greetingMs":2000},
                 "voicemailMessage":{"prompt":"outcall/reminder"}}""");
        assertEquals(200, patched.status(), () -> String.valueOf(patched.body()));
        assertEquals("leaveMessage", patched.body().get("answeringMachineDetection").asText());
        assertEquals(2000, patched.body().at("/amdParameters/greetingMs").asInt());
        assertEquals(1500, patched.body().at("/voicemailMessage/waitForSilenceMs").asInt());

        JsonNode message = place(id, "{\"to\":\"+14045550123\",\"amdParameters\":{\"totalAnalysisTimeMs\":4000}}");
        assertEquals(3, message.get("schemaVersion").asInt());
        assertEquals("leaveMessage", message.at("/amd/answeringMachineDetection").asText());
        assertEquals(2000, message.at("/amd/amdParameters/greetingMs").asInt(), "the tenant's");
        assertEquals(4000, message.at("/amd/amdParameters/totalAnalysisTimeMs").asInt(), "the call's own");
        assertEquals("outcall/reminder", message.at("/amd/voicemailMessage/prompt").asText());

        JsonNode off = place(id, "{\"to\":\"+14045550123\",\"answeringMachineDetection\":\"off\"}");
        assertEquals(2, off.get("schemaVersion").asInt(), "a call without AMD is the message it always was");
        assertTrue(off.path("amd").isMissingNode());
    }

    @Test
    void aTenantWithoutAmdPlacesTheCallsItAlwaysDid() {
        String id = tenantWithDid("amd-off");
        JsonNode message = place(id, "{\"to\":\"+14045550123\"}");
        assertEquals(2, message.get("schemaVersion").asInt());
        assertTrue(message.path("amd").isMissingNode());
    }

    @Test
    void badAmdSettingsAreA400NamingEachFieldAndWriteNothing() {
        String id = tenantWithDid("amd-bad");
        AdminApi.Response refused = patchOwn(id, "\"1\"", """
                {"answeringMachineDetection":"sometimes","amdParameters":{"greetingMs":20000,"greting":1},
                 "voicemailMessage":{"prompt":"../secret","waitForSilenceMs":1}}""");
        assertEquals(400, refused.status(), () -> String.valueOf(refused.body()));
        assertEquals(List.of("amdParameters.greetingMs", "amdParameters.greting", "answeringMachineDetection",
                        "voicemailMessage.prompt", "voicemailMessage.waitForSilenceMs"),
                refused.body().path("errors").findValuesAsText("field").stream().sorted().toList(),
                refused.body()::toPrettyString);
        assertEquals("off", getOwn(id).body().get("answeringMachineDetection").asText(), "nothing written");

        AdminApi.Response noPrompt = patchOwn(id, "\"1\"", "{\"answeringMachineDetection\":\"leaveMessage\"}");
        assertEquals(400, noPrompt.status());
        assertEquals(List.of("voicemailMessage.prompt"), noPrompt.body().path("errors").findValuesAsText("field"));

        AdminApi.Response badCall = send(new MakeCallHandler(backends.intake()), ApiGatewayEvents.request("POST", "/calls",
                Map.of(), "{\"to\":\"+14045550123\",\"amdParameters\":{\"silenceThreshold\":0}}").tenantClaim(id));
        assertEquals(400, badCall.status());
        assertEquals(List.of("amdParameters.silenceThreshold"), badCall.body().path("errors").findValuesAsText("field"));
        assertEquals(List.of(), backends.drainQueue(), "nothing queued");
    }
}
