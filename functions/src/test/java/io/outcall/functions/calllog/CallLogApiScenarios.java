package io.outcall.functions.calllog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.calllog.CallNotFoundException;
import io.outcall.core.calllog.InvalidQueryException;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.validation.Violation;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.testing.OpenApiContract;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read side's handlers as API Gateway invokes them (payload format 2.0 events, JWT claims),
 * over template.yaml's tables: every answer and every 4xx the API promises. Subclasses start the
 * backends (DynamoDB Local, or LocalStack where Docker exists) and call {@link #seed}.
 */
abstract class CallLogApiScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-20T10:15:00Z");

    private static DynamoCallStore calls;
    private static ReadWiring wiring;
    private static final String ACME = "acme-" + UUID.randomUUID();
    private static final String GLOBEX = "globex-" + UUID.randomUUID();
    private static final List<String> acmeCallIds = new ArrayList<>();
    private static String answeredCall;
    private static String ringingCall;
    private static String promptCall;

    /** Two tenants: acme with 30 calls (one answered with a timeline, one ringing), globex with one. */
    static void seed(DynamoDbClient dynamoDb, String queueUrl) {
        acmeCallIds.clear();
        FunctionConfig config = new FunctionConfig(Region.US_EAST_1, "CallsTable", "TenantsTable", "IdempotencyTable",
                "CallEventsTable", "CallStatsTable", queueUrl, "tenant_id",
                "test-cursor-key-0123456789abcdef", null, null);
        wiring = ReadWiring.of(config, dynamoDb);
        calls = new DynamoCallStore(dynamoDb, "CallsTable", "CallStatsTable");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30; i++) {
            Instant created = T0.plusSeconds(60L * i);
            String id = new CallId(Clock.fixed(created, ZoneOffset.UTC), random).next();
            Call call = Call.queued(id, ACME, i % 2 == 0 ? "+14045550101" : "+14045550102", "+14045550100",
                    "did-main", null, null, "DynamicIVR", Map.of(), 30, created, null, null);
            calls.create(i == 7 ? call.withPrompt("welcome") : call);
            acmeCallIds.add(id);
        }
        answeredCall = acmeCallIds.get(3);
        calls.claim(answeredCall, ACME, "bridge-1", "a-1", T0.plusSeconds(181));
        calls.advance(new CallProgress(answeredCall, ACME, CallStatus.COMPLETED, Disposition.ANSWERED,
                new HangupCause(16, "Normal Clearing"), null, T0.plusSeconds(182), T0.plusSeconds(190),
                T0.plusSeconds(250), 8, 60, "Local/+14045550102@outbound-00000001;1"));
        new DynamoCallEventStore(dynamoDb, "CallEventsTable").append(List.of(
                new CallEvent(answeredCall, 1, "Newchannel", T0.plusSeconds(181), "Local/x;1", Map.of("ChannelState", "4")),
                new CallEvent(answeredCall, 2, "Newstate", T0.plusSeconds(190), "Local/x;1", Map.of("ChannelStateDesc", "Up")),
                new CallEvent(answeredCall, 3, "Hangup", T0.plusSeconds(250), "Local/x;1", Map.of("Cause", "16"))));
        promptCall = acmeCallIds.get(7);
        ringingCall = acmeCallIds.get(5);
        calls.claim(ringingCall, ACME, "bridge-1", "a-2", T0.plusSeconds(301));
        calls.advance(CallProgress.status(ringingCall, ACME, CallStatus.RINGING, T0.plusSeconds(302), null, "Local/y;1"));
        String globexCall = new CallId(Clock.fixed(T0, ZoneOffset.UTC), random).next();
        calls.create(Call.queued(globexCall, GLOBEX, "+14045550101", "+442079460000", "did-london", null, null,
                "DynamicIVR", Map.of(), 30, T0, null, null));
    }

    @Test
    void listsTheTenantsCallsNewestFirstAPageAtATime() {
        JsonNode first = ok(list(ACME, Map.of("limit", "20")));
        assertEquals(20, first.get("calls").size());
        assertEquals(acmeCallIds.get(29), first.get("calls").get(0).get("callId").asText(), "newest first");
        JsonNode second = ok(list(ACME, Map.of("limit", "20", "cursor", first.get("nextCursor").asText())));
        assertEquals(10, second.get("calls").size());
        assertFalse(second.has("nextCursor"), "the last page has no cursor");

        JsonNode answered = ok(list(ACME, Map.of("status", "COMPLETED"))).get("calls").get(0);
        assertEquals(answeredCall, answered.get("callId").asText());
        assertEquals("+14045550102", answered.get("to").asText());
        assertEquals("+14045550100", answered.get("from").asText());
        assertEquals("ANSWERED", answered.get("disposition").asText());
        assertEquals(16, answered.get("cause").get("code").asInt());
        assertEquals(T0.plusSeconds(180).toString(), answered.get("createdAt").asText());
        assertEquals(T0.plusSeconds(190).toString(), answered.get("answeredAt").asText());
        assertEquals(T0.plusSeconds(250).toString(), answered.get("endedAt").asText());
        assertEquals(8, answered.get("ringSeconds").asInt());
        assertEquals(60, answered.get("talkSeconds").asInt());

        JsonNode byNumber = ok(list(ACME, Map.of("number", "+14045550102", "limit", "100")));
        assertEquals(15, byNumber.get("calls").size());
        assertEquals(0, ok(list(GLOBEX, Map.of("number", "+14045550102"))).get("calls").size(),
                "globex sees none of acme's calls");
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        Map<Map<String, String>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("status", "RUNNING"), "status");
        cases.put(Map.of("disposition", "HAPPY"), "disposition");
        cases.put(Map.of("from", "yesterday"), "from");
        cases.put(Map.of("to", "2026-11-24"), "to");
        cases.put(Map.of("from", "2026-11-24T10:00:00Z", "to", "2026-11-24T09:00:00Z"), "from");
        cases.put(Map.of("limit", "0"), "limit");
        cases.put(Map.of("limit", "101"), "limit");
        cases.put(Map.of("limit", "ten"), "limit");
        cases.put(Map.of("number", "call-me"), "number");
        cases.put(Map.of("cursor", "AAAA.BBBB"), "cursor");
        cases.put(Map.of("sort", "oldest"), "sort");
        for (var entry : cases.entrySet()) {
            JsonNode response = invoke(new ListCallsHandler(wiring), event("GET", "/calls", ACME, entry.getKey(), Map.of()));
            assertEquals(400, response.get("statusCode").asInt(), entry.getKey().toString());
            JsonNode problem = body(response);
            assertEquals(entry.getValue(), problem.get("errors").get(0).get("field").asText(), entry.getKey().toString());
            assertEquals("application/problem+json", response.get("headers").get("content-type").asText());
        }
        String cursorOfAcme = ok(list(ACME, Map.of("limit", "2"))).get("nextCursor").asText();
        JsonNode stolen = invoke(new ListCallsHandler(wiring),
                event("GET", "/calls", GLOBEX, Map.of("limit", "2", "cursor", cursorOfAcme), Map.of()));
        assertEquals(400, stolen.get("statusCode").asInt(), "another tenant's cursor");
        assertEquals("cursor", body(stolen).get("errors").get(0).get("field").asText());
        assertEquals(401, invoke(new ListCallsHandler(wiring), event("GET", "/calls", null, Map.of(), Map.of()))
                .get("statusCode").asInt(), "no verified tenant claim");
    }

    @Test
    void oneCallComesWithItsTimelineAndAnotherTenantsCallIsNotFound() {
        JsonNode call = ok(invoke(new GetCallHandler(wiring), event("GET", "/calls/" + answeredCall, ACME, Map.of(),
                Map.of("callId", answeredCall))));
        assertEquals("COMPLETED", call.get("status").asText());
        assertEquals(List.of("Newchannel", "Newstate", "Hangup"),
                call.get("events").findValuesAsText("name"), "the timeline in order");
        assertEquals("Up", call.get("events").get(1).get("fields").get("ChannelStateDesc").asText());

        JsonNode withoutEvents = ok(invoke(new GetCallHandler(wiring), event("GET", "/calls/" + answeredCall, ACME,
                Map.of("events", "false"), Map.of("callId", answeredCall))));
        assertFalse(withoutEvents.has("events"));

        JsonNode ofOtherTenant = invoke(new GetCallHandler(wiring), event("GET", "/calls/" + answeredCall, GLOBEX,
                Map.of(), Map.of("callId", answeredCall)));
        String missingId = new CallId(Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(99)).next();
        JsonNode missing = invoke(new GetCallHandler(wiring), event("GET", "/calls/" + missingId, GLOBEX, Map.of(),
                Map.of("callId", missingId)));
        assertEquals(404, ofOtherTenant.get("statusCode").asInt());
        assertEquals(404, missing.get("statusCode").asInt());
        assertEquals(body(missing).get("detail").asText().replace(missingId, "ID"),
                body(ofOtherTenant).get("detail").asText().replace(answeredCall, "ID"), "indistinguishable");

        assertEquals(400, invoke(new GetCallHandler(wiring), event("GET", "/calls/nope", ACME, Map.of(),
                Map.of("callId", "nope"))).get("statusCode").asInt());
        assertEquals("events", body(invoke(new GetCallHandler(wiring), event("GET", "/calls/" + answeredCall, ACME,
                Map.of("events", "maybe"), Map.of("callId", answeredCall)))).get("errors").get(0).get("field").asText());
    }

    @Test
    void statisticsComeFromTheCountersWithClearErrorsForBadRanges() {
        JsonNode stats = ok(invoke(new CallStatsHandler(wiring), event("GET", "/calls/stats", ACME,
                Map.of("from", "2026-11-20T00:00:00Z", "to", "2026-11-21T00:00:00Z", "interval", "hour"), Map.of())));
        assertEquals(24, stats.get("buckets").size(), "every hour, empty ones included");
        JsonNode total = stats.get("total");
        assertEquals(1, total.get("calls").asInt(), "one acme call is final");
        assertEquals(1, total.get("byStatus").get("COMPLETED").asInt());
        assertEquals(1.0, total.get("answerRate").asDouble());
        assertEquals(8.0, total.get("averageRingSeconds").asDouble());
        assertEquals(8, total.get("p90RingSeconds").asInt());
        assertEquals(60.0, total.get("averageTalkSeconds").asDouble());
        assertEquals(1, stats.get("buckets").get(10).get("calls").asInt(), "counted in its creation hour, 10:00");

        Map<Map<String, String>, String> bad = new LinkedHashMap<>();
        bad.put(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-06-01T00:00:00Z"), "to");
        bad.put(Map.of("interval", "week"), "interval");
        bad.put(Map.of("from", "2026-11-21T00:00:00Z", "to", "2026-11-20T00:00:00Z"), "from");
        bad.put(Map.of("from", "last tuesday"), "from");
        for (var entry : bad.entrySet()) {
            JsonNode response = invoke(new CallStatsHandler(wiring), event("GET", "/calls/stats", ACME, entry.getKey(), Map.of()));
            assertEquals(400, response.get("statusCode").asInt(), entry.getKey().toString());
            assertEquals(entry.getValue(), body(response).get("errors").get(0).get("field").asText());
        }
        JsonNode globex = ok(invoke(new CallStatsHandler(wiring), event("GET", "/calls/stats", GLOBEX,
                Map.of("from", "2026-11-20T00:00:00Z", "to", "2026-11-21T00:00:00Z"), Map.of())));
        assertEquals(0, globex.get("total").get("calls").asInt(), "globex counts nothing of acme's");
    }

    @Test
    void cancelAnswersByWhereTheCallIs() {
        // Calls of a tenant of their own: the list and statistics tests' figures stay as they are, in any order.
        String tenant = "acme-cancel-" + UUID.randomUUID();
        SplittableRandom random = new SplittableRandom(17);
        Instant created = T0.minus(java.time.Duration.ofDays(10));
        String queuedCall = new CallId(Clock.fixed(created, ZoneOffset.UTC), random).next();
        String ringingCall = new CallId(Clock.fixed(created, ZoneOffset.UTC), random).next();
        for (String id : List.of(queuedCall, ringingCall)) {
            calls.create(Call.queued(id, tenant, "+14045550101", "+14045550100", "did-main", null, null, "DynamicIVR",
                    Map.of(), 30, created, null, null));
        }
        calls.claim(ringingCall, tenant, "bridge-2", "a-3", created.plusSeconds(1));
        calls.advance(CallProgress.status(ringingCall, tenant, CallStatus.RINGING, created.plusSeconds(2), null, "Local/z;1"));
        JsonNode fromOtherTenant = invoke(new CancelCallHandler(wiring), cancel(GLOBEX, queuedCall));
        assertEquals(404, fromOtherTenant.get("statusCode").asInt(), "globex cannot cancel another tenant's call");

        JsonNode canceled = invoke(new CancelCallHandler(wiring), cancel(tenant, queuedCall));
        assertEquals(200, canceled.get("statusCode").asInt());
        assertEquals("CANCELED", body(canceled).get("status").asText());

        JsonNode live = invoke(new CancelCallHandler(wiring), cancel(tenant, ringingCall));
        assertEquals(202, live.get("statusCode").asInt(), "the bridge hangs it up");
        assertEquals("RINGING", body(live).get("status").asText());
        assertEquals(List.of(ringingCall), calls.cancelRequests("bridge-2"));

        JsonNode finished = invoke(new CancelCallHandler(wiring), cancel(ACME, answeredCall));
        assertEquals(409, finished.get("statusCode").asInt());
        assertTrue(body(finished).get("detail").asText().contains("COMPLETED"), body(finished).toString());
        assertEquals(409, invoke(new CancelCallHandler(wiring), cancel(tenant, queuedCall)).get("statusCode").asInt(),
                "a canceled call is finished too");
    }

    @Test
    void aJourneyStepReadsACallsStatusAndWhetherItIsFinal() throws IOException {
        JourneyCallStatusHandler handler = new JourneyCallStatusHandler(wiring);
        JsonNode answered = JSON.readTree(directInvoke(handler, "{\"tenantId\":\"" + ACME + "\",\"callId\":\"" + answeredCall + "\"}"));
        assertEquals("COMPLETED", answered.get("status").asText());
        assertEquals("ANSWERED", answered.get("disposition").asText());
        assertTrue(answered.get("final").asBoolean());
        JsonNode ringing = JSON.readTree(directInvoke(handler, "{\"tenantId\":\"" + ACME + "\",\"callId\":\"" + ringingCall + "\"}"));
        assertFalse(ringing.get("final").asBoolean());

        assertThrows(CallNotFoundException.class,
                () -> directInvoke(handler, "{\"tenantId\":\"" + GLOBEX + "\",\"callId\":\"" + answeredCall + "\"}"));
        InvalidQueryException bad = assertThrows(InvalidQueryException.class,
                () -> directInvoke(handler, "{\"tenantId\":\"" + ACME + "\",\"callId\":\"x\",\"extra\":1}"));
        assertEquals(2, bad.violations().size(), bad.getMessage());
        InvalidQueryException notAnObject = assertThrows(InvalidQueryException.class, () -> directInvoke(handler, "[]"));
        assertEquals(List.of(new Violation("body", "must be a JSON object")), notAnObject.violations());
    }

    @Test
    void aCallNamingAPromptShowsItsNameWhereverItIsRead() throws IOException {
        JsonNode call = ok(invoke(new GetCallHandler(wiring), event("GET", "/calls/" + promptCall, ACME, Map.of(),
                Map.of("callId", promptCall))));
        assertEquals("welcome", call.get("prompt").asText(), call.toString());
        JsonNode plain = ok(invoke(new GetCallHandler(wiring), event("GET", "/calls/" + answeredCall, ACME, Map.of(),
                Map.of("callId", answeredCall))));
        assertFalse(plain.has("prompt"), "a call naming no prompt has no prompt field: " + plain);

        JsonNode page = ok(list(ACME, Map.of("limit", "100")));
        List<String> withPrompt = new ArrayList<>();
        page.get("calls").forEach(item -> {
            if (item.has("prompt")) {
                withPrompt.add(item.get("callId").asText() + "=" + item.get("prompt").asText());
            }
        });
        assertEquals(List.of(promptCall + "=welcome"), withPrompt);

        JsonNode status = JSON.readTree(directInvoke(new JourneyCallStatusHandler(wiring),
                "{\"tenantId\":\"" + ACME + "\",\"callId\":\"" + promptCall + "\"}"));
        assertEquals("welcome", status.get("prompt").asText(), status.toString());
    }

    private static byte[] cancel(String tenant, String callId) {
        return event("POST", "/calls/" + callId + "/cancel", tenant, Map.of(), Map.of("callId", callId));
    }

    private static JsonNode list(String tenant, Map<String, String> query) {
        return invoke(new ListCallsHandler(wiring), event("GET", "/calls", tenant, query, Map.of()));
    }

    private static JsonNode ok(JsonNode response) {
        assertEquals(200, response.get("statusCode").asInt(), response.toString());
        return body(response);
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP API payload 2.0 event as API Gateway builds it after the JWT authorizer. */
    private static byte[] event(String method, String path, String tenant, Map<String, String> query,
                                Map<String, String> pathParameters) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("rawPath", path);
        event.putObject("headers").put("accept", "application/json");
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach(parameters::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.putObject("http").put("method", method).put("path", path);
        ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        if (tenant != null) {
            claims.put("tenant_id", tenant);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            JsonNode response = JSON.readTree(out.toByteArray());
            OpenApiContract.repository().assertResponse(event, response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String directInvoke(JourneyCallStatusHandler handler, String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
