package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The smoke test's onboarding part, the README's curl session as an operator runs it: the platform
 * creates a fresh tenant, the tenant's admin gives it a caller-ID number and a transfer number, a
 * call of that tenant goes out from its new number and ends answered, its webhook receives the call's
 * statuses signed and in order, the rules that respect the callee refuse or hold its calls
 * ({@link SmokeRules}), and a suspended tenant's next call is refused until it is reactivated.
 */
final class SmokeTenant {

    /** A tenant that does not exist yet, and the tokens `./run-local token` printed for it. */
    record Grants(String tenantId, String platformToken, String adminToken) {
    }

    /** Follows a call until it is final, with a token of the call's tenant. */
    interface CallFollower {
        JsonNode finalState(String callId, String bearer) throws Exception;
    }

    private static final String DID = "+14045550177";

    private final ObjectMapper json = new ObjectMapper();
    private final SmokeHttp api;
    private final Grants grants;
    private final CallFollower calls;

    SmokeTenant(SmokeHttp api, Grants grants, CallFollower calls) {
        this.api = api;
        this.grants = grants;
        this.calls = calls;
    }

    void run() throws Exception {
        String tenant = grants.tenantId();
        expect(201, api.send("POST", "/tenants", grants.platformToken(), "application/json",
                "{\"tenantId\":\"" + tenant + "\",\"name\":\"Smoke Ltd\",\"defaultRegion\":\"US\","
                        + "\"allowedContexts\":[\"DynamicIVR\"],\"defaultContext\":\"DynamicIVR\","
                        + "\"limits\":{\"callsPerSecond\":3,\"concurrentCalls\":5}}"), "POST /tenants (platform)");
        expect(403, api.send("POST", "/tenants", grants.adminToken(), "application/json", "{}"),
                "POST /tenants with a tenant admin's token");
        expect(201, api.send("POST", "/tenant/dids", grants.adminToken(), "application/json",
                "{\"number\":\"" + DID + "\",\"label\":\"smoke\"}"), "POST /tenant/dids (admin)");
        expect(201, api.send("POST", "/tenant/transfer-numbers", grants.adminToken(), "application/json",
                "{\"number\":\"+14045550190\",\"weight\":1}"), "POST /tenant/transfer-numbers (admin)");
        System.out.println("onboarded tenant " + tenant + " over HTTP: caller-ID " + DID + ", one transfer number");

        try (SmokeWebhook webhook = new SmokeWebhook()) {
            JsonNode registered = expect(201, api.send("POST", "/tenant/webhooks", grants.adminToken(), "application/json",
                    "{\"url\":\"" + webhook.url() + "\"}"), "POST /tenant/webhooks (admin)");
            String callId = placeAndFollow();
            List<String> types = webhook.deliveriesOf(callId, registered.path("secret").asText());
            System.out.println("webhook " + registered.path("webhookId").asText() + ": " + types.size()
                    + " deliveries, each signed and once, in order: " + String.join(", ", types));
            String machineCall = leaveAMessageOnAMachine();
            List<String> amdTypes = webhook.awaitTypes(machineCall, List.of("call.machine_detected", "call.voicemail_left"),
                    registered.path("secret").asText());
            System.out.println("  webhook for " + machineCall + ": " + String.join(", ", amdTypes));
        }

        new SmokeRules(api, grants.adminToken()).run();

        expect(200, api.send("POST", "/tenants/" + tenant + "/suspend", grants.platformToken(), "application/json",
                "{\"reason\":\"smoke test\"}"), "POST /tenants/{id}/suspend");
        expect(403, api.send("POST", "/calls", grants.adminToken(), "application/json", "{\"to\":\"+17065551231\"}"),
                "POST /calls of a suspended tenant");
        expect(200, api.send("POST", "/tenants/" + tenant + "/reactivate", grants.platformToken(), null, null),
                "POST /tenants/{id}/reactivate");
        JsonNode audit = expect(200, api.send("GET", "/tenant/audit", grants.adminToken(), null, null), "GET /tenant/audit");
        System.out.println("suspended: new calls 403; reactivated; GET /tenant/audit has " + audit.path("items").size()
                + " entries");
    }

    /** A call of the new tenant, followed to its end: it goes out from the tenant's own DID. */
    private String placeAndFollow() throws Exception {
        JsonNode placed = expect(202, api.send("POST", "/calls", grants.adminToken(), "application/json",
                "{\"to\":\"+17065551231\",\"ringTimeoutSeconds\":5}"), "POST /calls of the new tenant");
        SmokeTest.check(DID.equals(placed.path("from").asText()), "the new tenant's call is from its own DID, was " + placed);
        JsonNode ended = calls.finalState(placed.path("callId").asText(), grants.adminToken());
        SmokeTest.check("COMPLETED".equals(ended.path("status").asText()),
                "the new tenant's call ends COMPLETED, was " + ended);
        System.out.println("  " + placed.path("callId").asText() + " from " + DID + " " + ended.path("status").asText()
                + "/" + ended.path("disposition").asText());
        return placed.path("callId").asText();
    }

    /**
     * The README's AMD session: the admin turns on the voicemail drop with a merge patch under the
     * tenant's ETag, and a call to the simulator's answering machine ends answered by a machine with
     * the message left.
     */
    private String leaveAMessageOnAMachine() throws Exception {
        HttpResponse<String> tenant = api.send("GET", "/tenant", grants.adminToken(), null, null);
        expect(200, tenant, "GET /tenant (admin)");
        String etag = tenant.headers().firstValue("ETag").orElse("");
        SmokeTest.check(!etag.isEmpty(), "GET /tenant answers an ETag");
        expect(200, api.send("PATCH", "/tenant", grants.adminToken(), "application/merge-patch+json",
                "{\"answeringMachineDetection\":\"leaveMessage\",\"voicemailMessage\":{\"prompt\":\"outcall-test/message\"}}",
                Map.of("If-Match", etag)), "PATCH /tenant turning AMD on (admin, If-Match)");
        JsonNode placed = expect(202, api.send("POST", "/calls", grants.adminToken(), "application/json",
                "{\"to\":\"+17065554162\"}"), "POST /calls to the answering machine");
        String callId = placed.path("callId").asText();
        JsonNode ended = calls.finalState(callId, grants.adminToken());
        SmokeTest.check("COMPLETED".equals(ended.path("status").asText()) && "machine".equals(ended.path("answeredBy").asText())
                        && ended.path("voicemailLeft").asBoolean(false),
                "the call to the machine ends COMPLETED, answeredBy machine, voicemailLeft true; was " + ended);
        System.out.println("AMD on (leaveMessage): " + callId + " " + ended.path("status").asText() + ", answeredBy "
                + ended.path("answeredBy").asText() + " (" + ended.path("amdCause").asText() + ", "
                + ended.path("amdMillis").asText() + " ms), voicemailLeft at " + ended.path("voicemailLeftAt").asText());
        return callId;
    }

    private JsonNode expect(int status, HttpResponse<String> response, String what) throws Exception {
        SmokeTest.check(response.statusCode() == status, what + " is " + status + ", was " + response.statusCode() + " "
                + response.body());
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }
}
