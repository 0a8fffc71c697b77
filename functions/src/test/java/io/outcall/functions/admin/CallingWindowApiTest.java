package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.window.OutsideCallingWindowException;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.JourneyMakeCallHandler;
import io.outcall.functions.intake.MakeCallHandler;
import io.outcall.functions.intake.MakeCallsHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.outcall.functions.admin.AdminApi.admin;
import static io.outcall.functions.admin.AdminApi.send;
import static io.outcall.functions.admin.TenantAdminApiTest.getOwn;
import static io.outcall.functions.admin.TenantAdminApiTest.patchOwn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A calling window through the tenant admin API and the three intakes, on DynamoDB Local and
 * ElasticMQ (every HTTP answer checked against openapi.yaml), the intake's clock injected: the admin
 * sets the window (audited); outside it POST /calls is a 422 on {@code to} saying when it opens in
 * the callee's zone, a batch refuses only the closed callee's item, a journey step throws; inside it
 * the same call is accepted; bad hours are a 400 naming each field; null removes the window.
 */
class CallingWindowApiTest extends AdminScenario {

    private static final String WEEKDAYS = """
            {"callingWindow":{"outsideWindow":"refuse","hours":{
              "monday":[{"from":"08:00","to":"21:00"}],"tuesday":[{"from":"08:00","to":"21:00"}],
              "wednesday":[{"from":"08:00","to":"21:00"}],"thursday":[{"from":"08:00","to":"21:00"}],
              "friday":[{"from":"08:00","to":"12:00"},{"from":"13:00","to":"21:00"}]}}}""";
    private static final String NEW_YORK = "+12125550123";
    private static final String LOS_ANGELES = "+13105550123";

    private static IntakeWiring at(String instant) {
        return backends.intake(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static AdminApi.Response call(IntakeWiring intake, String tenantId, String to) {
        return send(new MakeCallHandler(intake), ApiGatewayEvents.request("POST", "/calls", Map.of(),
                "{\"to\":\"" + to + "\"}").tenantClaim(tenantId));
    }

    @Test
    void outsideTheWindowACallIsA422SayingWhenItOpensAndNothingIsQueued() {
        String id = tenantWithDid("win-refuse");
        AdminApi.Response patched = patchOwn(id, "\"1\"", WEEKDAYS);
        assertEquals(200, patched.status(), () -> String.valueOf(patched.body()));
        assertEquals("refuse", getOwn(id).body().path("callingWindow").path("outsideWindow").asText());
        assertEquals("13:00", getOwn(id).body().at("/callingWindow/hours/friday/1/from").asText());

        // Monday 9 March 2026 07:59:59 in New York (EDT).
        AdminApi.Response early = call(at("2026-03-09T11:59:59Z"), id, NEW_YORK);
        assertEquals(422, early.status(), () -> String.valueOf(early.body()));
        assertEquals("https://outcall.dev/problems/outside-calling-window", early.body().get("type").asText());
        assertEquals("the callee's calling window is closed; it opens at 2026-03-09T12:00:00Z"
                + " (Monday 08:00 in America/New_York)", early.body().get("detail").asText());
        assertEquals(List.of("to"), early.body().path("errors").findValuesAsText("field"));
        assertEquals(List.of(), backends.drainQueue(), "nothing queued");

        assertEquals(202, call(at("2026-03-09T12:00:00Z"), id, NEW_YORK).status());
        assertEquals(1, backends.drainQueue().size());
        // Friday 13 March 12:30 EDT falls in the lunch gap: it opens at 13:00.
        AdminApi.Response lunch = call(at("2026-03-13T16:30:00Z"), id, NEW_YORK);
        assertEquals(422, lunch.status());
        assertTrue(lunch.body().get("detail").asText().contains("2026-03-13T17:00:00Z (Friday 13:00 in America/New_York)"));
        // Friday 21:00 EDT: closed over the weekend until Monday 08:00.
        assertTrue(call(at("2026-03-14T01:00:00Z"), id, NEW_YORK).body().get("detail").asText()
                .contains("2026-03-16T12:00:00Z (Monday 08:00 in America/New_York)"));

        JsonNode changes = send(new TenantAuditHandler(wiring), admin(id, "GET", "/tenant/audit", null)).body()
                .get("items").get(0).get("changes");
        List<String> fields = changes.findValuesAsText("field");
        assertTrue(fields.contains("callingWindow.outsideWindow") && fields.contains("callingWindow.hours.friday"),
                fields::toString);
    }

    @Test
    void aBatchRefusesOnlyTheItemWhoseCalleeIsOutsideAndAJourneyStepThrows() throws Exception {
        String id = tenantWithDid("win-batch");
        assertEquals(200, patchOwn(id, "\"1\"", WEEKDAYS).status());
        // 12:30Z on Monday: 08:30 in New York, 05:30 in Los Angeles.
        IntakeWiring intake = at("2026-03-09T12:30:00Z");
        AdminApi.Response batch = send(new MakeCallsHandler(intake), ApiGatewayEvents.request("POST", "/calls/batch",
                Map.of(), "{\"calls\":[{\"to\":\"" + NEW_YORK + "\"},{\"to\":\"" + LOS_ANGELES + "\"}]}").tenantClaim(id));
        assertEquals(200, batch.status(), () -> String.valueOf(batch.body()));
        assertEquals(202, batch.body().at("/results/0/status").asInt());
        assertEquals(422, batch.body().at("/results/1/status").asInt());
        assertEquals("to", batch.body().at("/results/1/problem/errors/0/field").asText());
        assertTrue(batch.body().at("/results/1/problem/detail").asText()
                .contains("2026-03-09T15:00:00Z (Monday 08:00 in America/Los_Angeles)"));
        assertEquals(1, backends.drainQueue().size(), "only the open callee's call is queued");

        String step = "{\"tenantId\":\"" + id + "\",\"journeyId\":\"j\",\"executionId\":\"e-1\",\"stepId\":\"s\","
                + "\"to\":\"" + LOS_ANGELES + "\"}";
        OutsideCallingWindowException thrown = assertThrows(OutsideCallingWindowException.class,
                () -> new JourneyMakeCallHandler(intake).handleRequest(
                        new ByteArrayInputStream(step.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null));
        assertEquals(Instant.parse("2026-03-09T15:00:00Z"), thrown.opening().at());
        // The step is retried once the window opens, under the same key: the call is placed then.
        ByteArrayOutputStream placed = new ByteArrayOutputStream();
        new JourneyMakeCallHandler(at("2026-03-09T15:00:00Z")).handleRequest(
                new ByteArrayInputStream(step.getBytes(StandardCharsets.UTF_8)), placed, null);
        assertTrue(placed.toString(StandardCharsets.UTF_8).contains("\"status\":\"QUEUED\""), placed::toString);
        assertEquals(1, backends.drainQueue().size());
    }

    @Test
    void inScheduleModeACallOutsideIsRecordedScheduledForTheOpeningAndNotQueued() {
        String id = tenantWithDid("win-schedule");
        assertEquals(200, patchOwn(id, "\"1\"", WEEKDAYS.replace("\"refuse\"", "\"schedule\"")).status());
        DynamoCallStore calls = new DynamoCallStore(backends.local().dynamoDb(), "CallsTable", "CallStatsTable");

        // Friday 13 March 21:30 EDT: scheduled for Monday 08:00 EDT.
        AdminApi.Response late = call(at("2026-03-14T01:30:00Z"), id, NEW_YORK);
        assertEquals(202, late.status(), () -> String.valueOf(late.body()));
        assertEquals("SCHEDULED", late.body().get("status").asText());
        Call stored = calls.find(late.body().get("callId").asText()).orElseThrow();
        assertEquals(CallStatus.SCHEDULED, stored.status());
        assertEquals(Instant.parse("2026-03-16T12:00:00Z"), stored.notBefore());
        assertEquals(ScheduledReason.CALLING_WINDOW, stored.scheduledReason());
        assertEquals(List.of(), backends.drainQueue(), "the scheduler queues it when due, not the intake");

        // A batch at Friday 22:30 PDT: both scheduled, each for its own callee's opening.
        AdminApi.Response batch = send(new MakeCallsHandler(at("2026-03-14T05:30:00Z")), ApiGatewayEvents.request("POST",
                "/calls/batch", Map.of(), "{\"calls\":[{\"to\":\"" + NEW_YORK + "\"},{\"to\":\"" + LOS_ANGELES + "\"}]}")
                .tenantClaim(id));
        assertEquals(200, batch.status(), () -> String.valueOf(batch.body()));
        assertEquals(Instant.parse("2026-03-16T15:00:00Z"), calls.find(batch.body().at("/results/1/call/callId").asText())
                .orElseThrow().notBefore(), "08:00 PDT");
        assertEquals("SCHEDULED", batch.body().at("/results/0/call/status").asText());
        assertEquals(List.of(), backends.drainQueue());

        // Inside the window the call is queued at once, its message carrying the window (version 5).
        assertEquals(202, call(at("2026-03-16T12:00:00Z"), id, NEW_YORK).status());
        List<String> queued = backends.drainQueue();
        assertEquals(1, queued.size());
        JsonNode message = ApiGatewayEvents.parse(queued.getFirst().getBytes(StandardCharsets.UTF_8));
        assertEquals(5, message.get("schemaVersion").asInt());
        assertEquals("schedule", message.at("/window/outsideWindow").asText());
        assertEquals("21:00", message.at("/window/hours/monday/0/to").asText());
    }

    @Test
    void badHoursAreA400NamingEachFieldAndNullRemovesTheWindow() {
        String id = tenantWithDid("win-bad");
        AdminApi.Response refused = patchOwn(id, "\"1\"", """
                {"callingWindow":{"outsideWindow":"later","hours":{"monday":[{"from":"9:00","to":"17:00"},
                 {"from":"18:00","to":"17:00"}],"funday":[]}}}""");
        assertEquals(400, refused.status());
        assertEquals(List.of("callingWindow.outsideWindow", "callingWindow.hours.funday",
                "callingWindow.hours.monday[0].from", "callingWindow.hours.monday[1].to"),
                refused.body().path("errors").findValuesAsText("field"));
        AdminApi.Response overlapping = patchOwn(id, "\"1\"", """
                {"callingWindow":{"outsideWindow":"refuse","hours":{"monday":[{"from":"09:00","to":"17:00"},
                 {"from":"16:00","to":"18:00"}]}}}""");
        assertEquals(400, overlapping.status());
        assertEquals(List.of("callingWindow.hours.monday"), overlapping.body().path("errors").findValuesAsText("field"));

        assertEquals(200, patchOwn(id, "\"1\"", WEEKDAYS).status());
        // Closed on Sundays; the patch opens Sunday too, merging into the rest.
        assertEquals(422, call(at("2026-03-08T15:00:00Z"), id, NEW_YORK).status());
        assertEquals(200, patchOwn(id, "\"2\"", "{\"callingWindow\":{\"hours\":{\"sunday\":[{\"from\":\"10:00\",\"to\":\"18:00\"}]}}}").status());
        assertEquals("21:00", getOwn(id).body().at("/callingWindow/hours/monday/0/to").asText());
        assertEquals(202, call(at("2026-03-08T15:00:00Z"), id, NEW_YORK).status());
        AdminApi.Response removed = patchOwn(id, "\"3\"", "{\"callingWindow\":null}");
        assertEquals(200, removed.status());
        assertTrue(removed.body().path("callingWindow").isMissingNode());
        assertEquals(202, call(at("2026-03-08T03:00:00Z"), id, NEW_YORK).status(), "no window: any time");
        backends.drainQueue();
    }
}
