package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.testing.OpenApiContract;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.outcall.functions.intake.ApiGatewayEvents.postCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /calls/batch and the batch journey input, through their handlers, on DynamoDB Local and ElasticMQ. */
class BatchIntakeHandlersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalServices local;
    private static IntakeBackends backends;

    private IntakeWiring wiring;

    @BeforeAll
    static void start() {
        local = LocalServices.startInMemory();
        backends = new IntakeBackends(local.dynamoDb(), local.sqs(), local.queueUrl("OriginateQueue"));
        backends.seedTenants();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @BeforeEach
    void fresh() {
        wiring = backends.wiring();
        backends.drainQueue();
    }

    @Test
    void aBatchAnswersEveryCallInOrderAndABadOneRefusesOnlyItself() {
        JsonNode response = post(postCalls("""
                {"calls":[{"to":"+1 404 555 0123"},{"to":"12"},{"to":"+14045550124","form":"x"},"not a call",
                          {"to":"+14045550125","from":"did-sales","variables":{"ORDER_ID":"A-1"}}]}"""));

        assertEquals(200, response.get("statusCode").asInt());
        JsonNode body = body(response);
        assertEquals(2, body.get("accepted").asInt());
        assertEquals(3, body.get("refused").asInt());
        JsonNode results = body.get("results");
        assertEquals(List.of(202, 400, 400, 400, 202), statuses(results));
        assertEquals("+14045550123", results.get(0).at("/call/to").asText());
        assertEquals("QUEUED", results.get(0).at("/call/status").asText());
        assertEquals("to", results.get(1).at("/problem/errors/0/field").asText());
        assertEquals("form", results.get(2).at("/problem/errors/0/field").asText());
        assertEquals("body", results.get(3).at("/problem/errors/0/field").asText());
        assertEquals("+14045550101", results.get(4).at("/call/from").asText());
        assertEquals(2, backends.drainQueue().size());
    }

    @Test
    void aRetriedBatchWithAnIdempotencyKeyCreatesNothingTwice() {
        String calls = callsJson(40);
        String key = "batch-" + UUID.randomUUID();
        int before = backends.callCount();

        JsonNode first = body(post(postCalls(calls).header("idempotency-key", key)));
        JsonNode again = body(post(postCalls(calls).header("idempotency-key", key)));

        assertEquals(40, first.get("accepted").asInt());
        assertEquals(callIds(first), callIds(again));
        assertTrue(again.get("results").findValues("replayed").stream().allMatch(JsonNode::asBoolean));
        assertEquals(40, again.get("results").findValues("replayed").size());
        assertFalse(first.get("results").get(0).has("replayed"));
        assertEquals(before + 40, backends.callCount());
    }

    @Test
    void aBatchOverTheLimitIsRefusedAsAWholeNamingTheField() {
        JsonNode tooMany = post(postCalls(callsJson(1_001)));
        assertEquals(400, tooMany.get("statusCode").asInt());
        assertEquals("calls", body(tooMany).at("/errors/0/field").asText());
        assertTrue(body(tooMany).at("/errors/0/message").asText().contains("at most 1000"));

        JsonNode none = post(postCalls("{\"calls\":[]}"));
        assertEquals(400, none.get("statusCode").asInt());
        assertEquals("calls", body(none).at("/errors/0/field").asText());

        JsonNode badKey = post(postCalls(callsJson(1)).header("idempotency-key", "has spaces"));
        assertEquals("Idempotency-Key", body(badKey).at("/errors/0/field").asText());
    }

    @Test
    void aJourneyBatchIsOneCallPerStepAlsoWithTheSingleInput() throws IOException {
        String execution = "exec-" + UUID.randomUUID();
        String input = """
                {"tenantId":"acme","journeyId":"j-1","executionId":"%s","steps":[
                  {"stepId":"contact-1","to":"+14045550131"},
                  {"stepId":"contact-2","to":"+14045550132"},
                  {"stepId":"contact-3","to":"not a number"},
                  {"to":"+14045550134"}]}""".formatted(execution);

        JsonNode first = invokeBatch(input);
        JsonNode again = invokeBatch(input);

        assertEquals(List.of(202, 202, 400, 400), statuses(first.get("results")));
        assertEquals("contact-1", first.at("/results/0/stepId").asText());
        assertEquals("j-1", first.at("/results/0/call/journeyId").asText());
        assertEquals("stepId", first.at("/results/3/problem/errors/0/field").asText());
        assertEquals(first.at("/results/1/call/callId"), again.at("/results/1/call/callId"));
        assertTrue(again.at("/results/1/replayed").asBoolean());
        // The single journey input for the same step finds the call the batch made.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JourneyMakeCallHandler(wiring).handleRequest(new ByteArrayInputStream("""
                {"tenantId":"acme","journeyId":"j-1","executionId":"%s","stepId":"contact-2","to":"+14045550132"}"""
                .formatted(execution).getBytes(StandardCharsets.UTF_8)), out, null);
        assertEquals(first.at("/results/1/call/callId").asText(), JSON.readTree(out.toByteArray()).get("callId").asText());
    }

    @Test
    void aJourneyBatchWithoutItsReferencesIsThrownAsTheSingleOneIs() {
        InvalidCallRequestException refused = assertThrows(InvalidCallRequestException.class, () -> invokeBatch("""
                {"tenantId":"acme","journeyId":"j-1","steps":[{"stepId":"s","to":"+14045550131"}]}"""));
        assertEquals("executionId", refused.violations().getFirst().field());
    }

    private JsonNode post(ApiGatewayEvents event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            event.path("/calls/batch");
            new MakeCallsHandler(wiring).handleRequest(new ByteArrayInputStream(event.bytes()), out, null);
            JsonNode response = JSON.readTree(out.toByteArray());
            OpenApiContract.repository().assertResponse(event.bytes(), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode invokeBatch(String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JourneyMakeCallsHandler(wiring).handleRequest(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String callsJson(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"to\":\"+1706555" + (1000 + i) + "\"}")
                .collect(Collectors.joining(",", "{\"calls\":[", "]}"));
    }

    private static List<Integer> statuses(JsonNode results) {
        List<Integer> statuses = new ArrayList<>();
        results.forEach(r -> statuses.add(r.get("status").asInt()));
        return statuses;
    }

    private static List<String> callIds(JsonNode body) {
        return body.get("results").findValues("callId").stream().map(JsonNode::asText).toList();
    }
}
