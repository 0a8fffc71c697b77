package io.outcall.functions.calllog;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.dynamo.DynamoCallRetries;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.retry.RetryOutcome;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.schedule.DueCall;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.testing.OpenApiContract;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call dialed three times (BUSY, NO_ANSWER, NO_ANSWER) as the read side shows it, on DynamoDB Local,
 * written through the stores the bridge and the scheduler use: GET /calls/{id}, the call log, the
 * journey's status task and the statistics, every answer held to openapi.yaml. The call log shows
 * its attempts and policy, waiting SCHEDULED for its next attempt in between; the statistics count
 * one call and three attempts.
 */
class RetriedCallApiTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:15:00Z");
    private static final String TENANT = "retried-" + UUID.randomUUID();
    private static final RetryPolicy POLICY = new RetryPolicy(EnumSet.of(RetryOutcome.BUSY, RetryOutcome.NO_ANSWER), 3, 300);

    private static LocalServices local;
    private static ReadWiring wiring;
    private static String callId;
    private static JsonNode whileScheduled;

    @BeforeAll
    static void dialThreeTimes() {
        local = LocalServices.startInMemory();
        FunctionConfig config = new FunctionConfig(Region.US_EAST_1, "CallsTable", "TenantsTable", "IdempotencyTable",
                "CallEventsTable", "CallStatsTable", local.queueUrl("OriginateQueue"), "tenant_id",
                "test-cursor-key-0123456789abcdef", null, null);
        wiring = ReadWiring.of(config, local.dynamoDb());
        DynamoCallStore calls = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
        DynamoCallRetries retries = new DynamoCallRetries(local.dynamoDb(), "CallsTable", "CallStatsTable", 4);
        DynamoScheduledCalls scheduled = new DynamoScheduledCalls(local.dynamoDb(), "CallsTable", 4);
        callId = new CallId(Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(7)).next();
        calls.create(Call.queued(callId, TENANT, "+14045550101", "+14045550100", "did-main", null, null, "DynamicIVR",
                Map.of(), 30, T0, null, null).withRetry(POLICY));

        Instant at = T0.plusSeconds(1);
        for (int attempt = 1; attempt <= 2; attempt++) {
            calls.claim(callId, TENANT, "bridge-1", "a-" + attempt, attempt, at);
            Disposition outcome = attempt == 1 ? Disposition.BUSY : Disposition.NO_ANSWER;
            CallAttempt ended = new CallAttempt(attempt, attempt == 1 ? CallStatus.BUSY : CallStatus.NO_ANSWER, outcome,
                    new HangupCause(attempt == 1 ? 17 : 19, null), at, at.plusSeconds(20), attempt == 1 ? null : 20);
            assertTrue(retries.retryLater(callId, TENANT, ended, POLICY.nextAttemptAt(ended.endedAt())));
            if (attempt == 1) {
                whileScheduled = ok(get("/calls/" + callId, Map.of(), Map.of("callId", callId)));
            }
            Instant due = POLICY.nextAttemptAt(ended.endedAt());
            assertTrue(scheduled.enqueue(new DueCall(callId, TENANT, due), due).isPresent());
            at = due.plusSeconds(1);
        }
        calls.claim(callId, TENANT, "bridge-1", "a-3", 3, at);
        CallAttempt last = new CallAttempt(3, CallStatus.NO_ANSWER, Disposition.NO_ANSWER, new HangupCause(19, null),
                at, at.plusSeconds(30), 30);
        assertTrue(calls.advance(new CallProgress(callId, TENANT, CallStatus.NO_ANSWER, Disposition.NO_ANSWER,
                new HangupCause(19, null), null, at, null, at.plusSeconds(30), 30, null, "Local/x;1", null, 3, last)));
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void aCallWaitingForItsNextAttemptShowsWhenAndWhy() {
        assertEquals("SCHEDULED", whileScheduled.get("status").asText());
        assertEquals("retry", whileScheduled.get("scheduledReason").asText());
        assertEquals(T0.plusSeconds(321).toString(), whileScheduled.get("notBefore").asText(), "end + 300 s");
        assertEquals(2, whileScheduled.get("attempt").asInt(), "the next dial");
        assertEquals(1, whileScheduled.get("attempts").size());
        assertEquals("BUSY", whileScheduled.at("/attempts/0/status").asText());
        assertEquals(17, whileScheduled.at("/attempts/0/cause/code").asInt());
    }

    @Test
    void theCallShowsEveryAttemptAndThePolicyInEffect() {
        JsonNode call = ok(get("/calls/" + callId, Map.of(), Map.of("callId", callId)));
        assertEquals("NO_ANSWER", call.get("status").asText(), "final after its last attempt");
        assertEquals(3, call.get("attempt").asInt());
        assertEquals(List.of("BUSY", "NO_ANSWER", "NO_ANSWER"), attemptStatuses(call));
        assertEquals(List.of(1, 2, 3), attemptNumbers(call));
        assertEquals(3, call.at("/retry/maxAttempts").asInt());
        assertEquals(List.of("NO_ANSWER", "BUSY"), textList(call.at("/retry/on")));
        assertEquals(T0.plusSeconds(21 + 300 + 1 + 20 + 300).toString(), call.get("notBefore").asText(),
                "when its last attempt could dial");

        JsonNode listed = ok(get("/calls", Map.of(), Map.of())).get("calls").get(0);
        assertEquals(callId, listed.get("callId").asText());
        assertEquals(List.of("BUSY", "NO_ANSWER", "NO_ANSWER"), attemptStatuses(listed), "the call log lists them too");
    }

    @Test
    void aJourneySeesOneFinalOutcomeWithItsAttempts() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JourneyCallStatusHandler(wiring).handleRequest(new ByteArrayInputStream(
                ("{\"tenantId\":\"" + TENANT + "\",\"callId\":\"" + callId + "\"}").getBytes(StandardCharsets.UTF_8)),
                out, null);
        JsonNode status = ApiGatewayEvents.parse(out.toByteArray());
        assertTrue(status.get("final").asBoolean());
        assertEquals("NO_ANSWER", status.get("disposition").asText());
        assertEquals(3, status.get("attempts").size());
    }

    @Test
    void statisticsCountOneCallAndThreeAttempts() {
        JsonNode stats = ok(get("/calls/stats", Map.of("from", "2026-11-20T00:00:00Z", "to", "2026-11-21T00:00:00Z",
                "interval", "hour"), Map.of()));
        JsonNode total = stats.get("total");
        assertEquals(1, total.get("calls").asInt(), "the call counts once, final");
        assertEquals(1, total.at("/byStatus/NO_ANSWER").asInt());
        assertFalse(total.at("/byStatus").has("BUSY"), "a retried attempt's outcome is not the call's");
        assertEquals(3, total.get("attempts").asInt());
        assertEquals(1, total.at("/attemptsByDisposition/BUSY").asInt());
        assertEquals(2, total.at("/attemptsByDisposition/NO_ANSWER").asInt());
        JsonNode hour = stats.get("buckets").get(10);
        assertEquals(3, hour.get("attempts").asInt(), "counted in the call's creation hour, like the call");
    }

    private static List<String> attemptStatuses(JsonNode call) {
        List<String> statuses = new ArrayList<>();
        call.get("attempts").forEach(a -> statuses.add(a.get("status").asText()));
        return statuses;
    }

    private static List<Integer> attemptNumbers(JsonNode call) {
        List<Integer> numbers = new ArrayList<>();
        call.get("attempts").forEach(a -> numbers.add(a.get("attempt").asInt()));
        return numbers;
    }

    private static List<String> textList(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode get(String path, Map<String, String> query, Map<String, String> pathParameters) {
        ApiGatewayEvents event = ApiGatewayEvents.request("GET", path, pathParameters, null).tenantClaim(TENANT)
                .query(query);
        com.amazonaws.services.lambda.runtime.RequestStreamHandler handler = path.equals("/calls/stats")
                ? new CallStatsHandler(wiring) : path.equals("/calls") ? new ListCallsHandler(wiring) : new GetCallHandler(wiring);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.bytes()), out, null);
            JsonNode response = ApiGatewayEvents.parse(out.toByteArray());
            OpenApiContract.repository().assertResponse(event.bytes(), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode ok(JsonNode response) {
        assertEquals(200, response.get("statusCode").asInt(), response::toString);
        return ApiGatewayEvents.parse(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }
}
