package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The smoke test's part for the rules that respect the callee, as the README's curl lines use them:
 * a number on the tenant's do-not-call list is refused, a call asked for later waits SCHEDULED and
 * can be canceled, and a call outside the tenant's calling window is refused saying when it opens.
 * Nothing here waits for time: the scheduler and retries are proven by the tests with a moved clock.
 */
final class SmokeRules {

    /** Dialed by the simulator's last digit 1 (answers); never dialed here. */
    private static final String LISTED = "+17065551241";
    /** Georgia, the callee's zone for the window rule. */
    private static final ZoneId CALLEE_ZONE = ZoneId.of("America/New_York");

    private final ObjectMapper json = new ObjectMapper();
    private final SmokeHttp api;
    private final String adminToken;

    SmokeRules(SmokeHttp api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    void run() throws Exception {
        refusesAListedNumber();
        holdsACallAskedForLater();
        refusesACallOutsideTheWindow();
    }

    private void refusesAListedNumber() throws Exception {
        String path = "/tenant/dnc/" + LISTED.replace("+", "%2B");
        expect(201, api.send("PUT", path, adminToken, "application/json", "{\"reason\":\"smoke test\"}"),
                "PUT /tenant/dnc/{number}");
        JsonNode refused = expect(422, call("{\"to\":\"" + LISTED + "\"}"), "POST /calls to a listed number");
        SmokeTest.check(refused.path("type").asText().endsWith("/do-not-call"), "the 422 is do-not-call, was " + refused);
        expect(204, api.send("DELETE", path, adminToken, null, null), "DELETE /tenant/dnc/{number}");
        System.out.println("do-not-call: " + LISTED + " listed -> POST /calls 422 do-not-call; removed");
    }

    private void holdsACallAskedForLater() throws Exception {
        String notBefore = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode placed = expect(202, call("{\"to\":\"+17065551231\",\"notBefore\":\"" + notBefore + "\"}"),
                "POST /calls with notBefore 10 minutes ahead");
        SmokeTest.check("SCHEDULED".equals(placed.path("status").asText()), "the call is SCHEDULED, was " + placed);
        String callId = placed.path("callId").asText();
        expect(200, api.send("POST", "/calls/" + callId + "/cancel", adminToken, null, null),
                "POST /calls/{id}/cancel of a SCHEDULED call");
        JsonNode read = expect(200, api.send("GET", "/calls/" + callId, adminToken, null, null), "GET /calls/{id}");
        SmokeTest.check("CANCELED".equals(read.path("status").asText()), "the scheduled call is CANCELED, was " + read);
        System.out.println("scheduled: " + callId + " SCHEDULED for " + notBefore + ", canceled before it was due");
    }

    /** A window open only on a weekday three days from today in the callee's zone: closed now, whatever the hour. */
    private void refusesACallOutsideTheWindow() throws Exception {
        DayOfWeek open = Instant.now().atZone(CALLEE_ZONE).getDayOfWeek().plus(3);
        String day = open.name().toLowerCase(Locale.ROOT);
        patchTenant("{\"callingWindow\":{\"outsideWindow\":\"refuse\",\"hours\":{\"" + day
                + "\":[{\"from\":\"09:00\",\"to\":\"17:00\"}]}}}", "PATCH /tenant setting a calling window");
        JsonNode refused = expect(422, call("{\"to\":\"+17065551231\"}"), "POST /calls outside the calling window");
        SmokeTest.check(refused.path("type").asText().endsWith("/outside-calling-window"),
                "the 422 is outside-calling-window, was " + refused);
        patchTenant("{\"callingWindow\":null}", "PATCH /tenant removing the calling window");
        System.out.println("calling window (" + day + " 09:00-17:00, refuse): POST /calls 422: "
                + refused.path("detail").asText());
    }

    private void patchTenant(String patch, String what) throws Exception {
        HttpResponse<String> tenant = api.send("GET", "/tenant", adminToken, null, null);
        expect(200, tenant, "GET /tenant (admin)");
        expect(200, api.send("PATCH", "/tenant", adminToken, "application/merge-patch+json", patch,
                Map.of("If-Match", tenant.headers().firstValue("ETag").orElse(""))), what);
    }

    private HttpResponse<String> call(String body) throws Exception {
        return api.send("POST", "/calls", adminToken, "application/json", body);
    }

    private JsonNode expect(int status, HttpResponse<String> response, String what) throws Exception {
        SmokeTest.check(response.statusCode() == status, what + " is " + status + ", was " + response.statusCode() + " "
                + response.body());
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }
}
