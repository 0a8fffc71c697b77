package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.intake.IdempotencyConflictException;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.intake.TenantNotFoundException;
import io.outcall.functions.InitBeside;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.testing.OpenApiContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.outcall.functions.intake.ApiGatewayEvents.postCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Call intake end to end: real API Gateway events through the handlers, against a real DynamoDB
 * and SQS. Subclasses say which (DynamoDB Local and ElasticMQ, or LocalStack).
 */
abstract class IntakeScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    abstract IntakeBackends backends();

    private IntakeWiring wiring;
    private MakeCallHandler makeCall;

    @BeforeEach
    void freshQueue() {
        wiring = backends().wiring();
        makeCall = new MakeCallHandler(wiring);
        backends().drainQueue();
    }

    // ---- accepted calls -------------------------------------------------------------------

    @Test
    void acceptsACallRecordsItQueuedAndQueuesIt() {
        Response response = post(postCalls("{\"to\":\"+1 (404) 555-0123\",\"variables\":{\"ORDER_ID\":\"A-17\"}}"));

        assertEquals(202, response.status(), response.body()::toPrettyString);
        String callId = response.body().get("callId").asText();
        assertEquals(26, callId.length());
        assertEquals("/calls/" + callId, response.headers().get("location").asText());
        assertEquals("QUEUED", response.body().get("status").asText());
        assertEquals("+14045550123", response.body().get("to").asText());
        assertTrue(Set.of("+14045550100", "+14045550101").contains(response.body().get("from").asText()),
                "caller-ID is one of acme's active DIDs");
        assertTrue(Set.of("+14045550199", "+14045550198").contains(response.body().get("transferNumber").asText()));

        Call call = calls().find(callId).orElseThrow();
        assertEquals("acme", call.tenantId());
        assertEquals(CallStatus.QUEUED, call.status());
        assertEquals("DynamicIVR", call.context());
        assertEquals("A-17", call.variables().get("ORDER_ID"));

        List<Message> queued = backends().drainQueue();
        assertEquals(1, queued.size());
        JsonNode message = parse(queued.get(0).body());
        assertEquals(2, message.get("schemaVersion").asInt());
        assertEquals(callId, message.get("callId").asText());
        assertEquals(5, message.at("/limits/callsPerSecond").asInt(), "the tenant's limits (its defaults here)");
        assertEquals("acme", message.get("tenantId").asText());
        assertEquals("+14045550123", message.get("to").asText());
        assertEquals(call.from(), message.get("from").asText());
        assertEquals("A-17", message.at("/variables/ORDER_ID").asText());
    }

    @Test
    void aCallWithANotBeforeAheadIsRecordedScheduledAndNotQueued() {
        java.time.Instant inAnHour = java.time.Instant.now().plusSeconds(3_600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Response response = post(postCalls("{\"to\":\"+14045550123\",\"notBefore\":\""
                + inAnHour.atOffset(java.time.ZoneOffset.ofHours(-5)) + "\"}"));

        assertEquals(202, response.status(), response.body()::toPrettyString);
        assertEquals("SCHEDULED", response.body().get("status").asText());
        assertEquals(inAnHour.toString(), response.body().get("notBefore").asText());
        assertEquals("requested", response.body().get("scheduledReason").asText());
        Call call = calls().find(response.body().get("callId").asText()).orElseThrow();
        assertEquals(CallStatus.SCHEDULED, call.status());
        assertEquals(inAnHour, call.notBefore());
        assertEquals(0, backends().drainQueue().size(), "the scheduler queues it when due");

        Response past = post(postCalls("{\"to\":\"+14045550123\",\"notBefore\":\"2020-01-01T00:00:00Z\"}"));
        assertEquals("QUEUED", past.body().get("status").asText(), "a notBefore already past dials now");
        assertEquals(1, backends().drainQueue().size());
    }

    @Test
    void readsNationalNumbersInTheTenantsRegion() {
        assertEquals("+14045550123", post(postCalls("{\"to\":\"404-555-0123\"}")).body().get("to").asText());
        Response london = post(postCalls("{\"to\":\"020 7946 0123\"}").tenantClaim("globex"));
        assertEquals(202, london.status(), london.body()::toPrettyString);
        assertEquals("+442079460123", london.body().get("to").asText());
        assertEquals("+442079460000", london.body().get("from").asText());
    }

    @Test
    void usesTheNamedCallerIdByNumberOrIdAndTheNamedTransferNumber() {
        Response byNumber = post(postCalls("{\"to\":\"+14045550123\",\"from\":\"(404) 555-0101\",\"transferNumber\":\"+1 404 555 0111\"}"));
        assertEquals(202, byNumber.status(), byNumber.body()::toPrettyString);
        assertEquals("+14045550101", byNumber.body().get("from").asText());
        assertEquals("+14045550111", byNumber.body().get("transferNumber").asText());

        Response byId = post(postCalls("{\"to\":\"+14045550123\",\"from\":\"did-main\",\"context\":\"Hold\"}"));
        assertEquals("+14045550100", byId.body().get("from").asText());
        assertEquals("Hold", byId.body().get("context").asText());
    }

    @Test
    void spreadsCallsWithoutCallerIdOverTheActiveDids() {
        Set<String> used = IntStream.range(0, 4)
                .mapToObj(i -> post(postCalls("{\"to\":\"+14045550123\"}")).body().get("from").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("+14045550100", "+14045550101"), used, "both active DIDs used, the disabled one never");
    }

    @Test
    void acceptsABase64EncodedBody() {
        Response response = post(postCalls("{\"to\":\"+14045550123\"}").base64Body());
        assertEquals(202, response.status(), response.body()::toPrettyString);
    }

    // ---- idempotency ------------------------------------------------------------------------

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheSameCall() {
        Response first = post(postCalls("{\"to\":\"+14045550123\"}").header("idempotency-key", "order-17-attempt"));
        Response retry = post(postCalls("{\"to\" : \"+1 404 555 0123\"}").header("idempotency-key", "order-17-attempt"));

        assertEquals(202, retry.status(), retry.body()::toPrettyString);
        assertEquals(first.body().get("callId"), retry.body().get("callId"));
        assertEquals("true", retry.headers().path("idempotent-replayed").asText());
        Set<String> queuedIds = backends().drainQueue().stream().map(m -> parse(m.body()).get("callId").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of(first.body().get("callId").asText()), queuedIds,
                "a replay of a still-queued call may queue it again, never another call");
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        Response first = post(postCalls("{\"to\":\"+14045550123\"}").header("idempotency-key", "k-conflict"));
        int calls = backends().callCount();

        Response other = post(postCalls("{\"to\":\"+14045550124\"}").header("idempotency-key", "k-conflict"));

        assertEquals(409, other.status());
        assertEquals(first.body().get("callId"), other.body().get("callId"));
        assertEquals(calls, backends().callCount());
    }

    @Test
    void keysOfDifferentTenantsNeverCollide() {
        Response acme = post(postCalls("{\"to\":\"+14045550123\"}").header("idempotency-key", "shared-key"));
        Response globex = post(postCalls("{\"to\":\"+14045550123\"}").tenantClaim("globex").header("idempotency-key", "shared-key"));
        assertEquals(202, globex.status(), globex.body()::toPrettyString);
        assertNotEquals(acme.body().get("callId"), globex.body().get("callId"));
    }

    // ---- the queue is down -----------------------------------------------------------------------

    @Test
    void whenTheQueueIsDownTheCallEndsFailedAndARetrySucceeds() {
        MakeCallHandler broken = new MakeCallHandler(backends().wiringWithBrokenQueue());
        Response down = post(broken, postCalls("{\"to\":\"+14045550123\"}").header("idempotency-key", "retry-me"));

        assertEquals(503, down.status());
        assertEquals("application/problem+json", down.headers().get("content-type").asText());
        assertEquals("1", down.headers().path("retry-after").asText());
        String failedId = down.body().get("callId").asText();
        Call failed = calls().find(failedId).orElseThrow();
        assertEquals(CallStatus.FAILED, failed.status());
        assertEquals(Disposition.FAILED, failed.disposition());
        assertTrue(failed.failureReason().startsWith("QUEUE_UNAVAILABLE"), failed.failureReason());

        Response retry = post(postCalls("{\"to\":\"+14045550123\"}").header("idempotency-key", "retry-me"));
        assertEquals(202, retry.status(), retry.body()::toPrettyString);
        assertNotEquals(failedId, retry.body().get("callId").asText());
        assertEquals(1, backends().drainQueue().size());
    }

    // ---- bad input: a 4xx problem, nothing written, nothing queued ------------------------------

    static Stream<org.junit.jupiter.params.provider.Arguments> badInput() {
        String thirtyThree = IntStream.range(0, 33).mapToObj(i -> "\"V" + i + "\":\"x\"").collect(Collectors.joining(","));
        String big = "{\"to\":\"+14045550123\",\"variables\":{\"PAD\":\"" + "x".repeat(17 * 1024) + "\"}}";
        return Stream.of(
                bad("malformed JSON", postCalls("{\"to\":"), 400, null),
                bad("body is a JSON array", postCalls("[]"), 400, "body"),
                bad("empty body", postCalls(""), 400, null),
                bad("text/plain content type", postCalls("{\"to\":\"+14045550123\"}").header("content-type", "text/plain"), 415, null),
                bad("no content type", postCalls("{\"to\":\"+14045550123\"}").header("content-type", null), 415, null),
                bad("body over 16 KB", postCalls(big), 413, null),
                bad("missing to", postCalls("{\"context\":\"DynamicIVR\"}"), 400, "to"),
                bad("to is a number, not a string", postCalls("{\"to\":14045550123}"), 400, "to"),
                bad("to too short", postCalls("{\"to\":\"+1404555\"}"), 400, "to"),
                bad("to too long", postCalls("{\"to\":\"+140455501234567890\"}"), 400, "to"),
                bad("to with unknown country code", postCalls("{\"to\":\"+999 123 4567\"}"), 400, "to"),
                bad("to not valid in its country", postCalls("{\"to\":\"+1 404 055 0123\"}"), 400, "to"),
                bad("to with letters", postCalls("{\"to\":\"1-800-FLOWERS\"}"), 400, "to"),
                bad("to with an extension", postCalls("{\"to\":\"+14045550123 ext. 12\"}"), 400, "to"),
                bad("CR LF in to", postCalls("{\"to\":\"+14045550123\\r\\nAction: Hangup\"}"), 400, "to"),
                bad("NUL in to", postCalls("{\"to\":\"+14045550123\\u0000\"}"), 400, "to"),
                bad("LF in context", postCalls("{\"to\":\"+14045550123\",\"context\":\"DynamicIVR\\nAction: Originate\"}"), 400, "context"),
                bad("CR in from", postCalls("{\"to\":\"+14045550123\",\"from\":\"did-main\\r\"}"), 400, "from"),
                bad("LF in a variable value", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"A\":\"x\\nAction: Hangup\"}}"), 400, "variables.A"),
                bad("LF in a variable name", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"A\\nB\":\"x\"}}"), 400, "variables"),
                bad("tab in a variable value", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"A\":\"x\\ty\"}}"), 400, "variables.A"),
                bad("CR in transferNumber", postCalls("{\"to\":\"+14045550123\",\"transferNumber\":\"+14045550199\\r\"}"), 400, "transferNumber"),
                bad("unknown from", postCalls("{\"to\":\"+14045550123\",\"from\":\"+14045550177\"}"), 400, "from"),
                bad("another tenant's DID", postCalls("{\"to\":\"+14045550123\",\"from\":\"+442079460000\"}"), 400, "from"),
                bad("another tenant's DID id", postCalls("{\"to\":\"+14045550123\",\"from\":\"did-london\"}"), 400, "from"),
                bad("a disabled DID", postCalls("{\"to\":\"+14045550123\",\"from\":\"did-old\"}"), 400, "from"),
                bad("context not on the allow-list", postCalls("{\"to\":\"+14045550123\",\"context\":\"default\"}"), 400, "context"),
                bad("variable name starting with a digit", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"1A\":\"x\"}}"), 400, "variables.1A"),
                bad("variable name with a dash", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"A-B\":\"x\"}}"), 400, "variables.A-B"),
                bad("variable name of 65 characters", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"" + "A".repeat(65) + "\":\"x\"}}"), 400, "variables." + "A".repeat(65)),
                bad("a reserved variable", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"CALL_ID\":\"x\"}}"), 400, "variables.CALL_ID"),
                bad("a variable value that is not a string", postCalls("{\"to\":\"+14045550123\",\"variables\":{\"A\":1}}"), 400, "variables.A"),
                bad("33 variables", postCalls("{\"to\":\"+14045550123\",\"variables\":{" + thirtyThree + "}}"), 400, "variables"),
                bad("notBefore without an offset", postCalls("{\"to\":\"+14045550123\",\"notBefore\":\"2026-03-02T09:30:00\"}"), 400, "notBefore"),
                bad("notBefore more than 30 days ahead", postCalls("{\"to\":\"+14045550123\",\"notBefore\":\"2099-01-01T00:00:00Z\"}"), 400, "notBefore"),
                bad("notBefore not a string", postCalls("{\"to\":\"+14045550123\",\"notBefore\":1772445600}"), 400, "notBefore"),
                bad("ring timeout out of range", postCalls("{\"to\":\"+14045550123\",\"ringTimeoutSeconds\":3600}"), 400, "ringTimeoutSeconds"),
                bad("tenant in the body", postCalls("{\"to\":\"+14045550123\",\"tenantId\":\"globex\"}"), 400, "tenantId"),
                bad("unknown field", postCalls("{\"to\":\"+14045550123\",\"form\":\"did-main\"}"), 400, "form"),
                bad("malformed Idempotency-Key", postCalls("{\"to\":\"+14045550123\"}").header("idempotency-key", "a b"), 400, "Idempotency-Key"),
                bad("no tenant claim", postCalls("{\"to\":\"+14045550123\"}").tenantClaim(null), 401, null),
                bad("no authorizer at all", postCalls("{\"to\":\"+14045550123\"}").withoutAuthorizer(), 401, null),
                bad("empty tenant claim", postCalls("{\"to\":\"+14045550123\"}").tenantClaim(""), 403, null),
                bad("unknown tenant", postCalls("{\"to\":\"+14045550123\"}").tenantClaim("initech"), 403, null),
                bad("an admin token without outcall/calls", postCalls("{\"to\":\"+14045550123\"}").scopeClaim("openid outcall/admin"), 403, null),
                bad("a platform token in the authorizer's list", postCalls("{\"to\":\"+14045550123\"}").scopes("outcall/platform"), 403, null));
    }

    private static org.junit.jupiter.params.provider.Arguments bad(String name, ApiGatewayEvents event, int status, String field) {
        return arguments(Named.of(name, event), status, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAProblemAndLeavesNothingBehind(ApiGatewayEvents event, int status, String field) {
        int callsBefore = backends().callCount();

        Response response = post(event);

        assertEquals(status, response.status(), response.body()::toPrettyString);
        assertEquals("application/problem+json", response.headers().get("content-type").asText());
        assertEquals(status, response.body().get("status").asInt());
        assertTrue(response.body().get("type").asText().startsWith("https://"));
        assertTrue(!response.body().path("detail").asText().isBlank(), "a problem says what is wrong");
        if (field != null) {
            List<String> fields = response.body().path("errors").findValuesAsText("field");
            assertTrue(fields.contains(field), "errors name " + field + ": " + response.body().toPrettyString());
        }
        assertEquals(callsBefore, backends().callCount(), "nothing written");
        assertEquals(0, backends().drainQueue().size(), "nothing queued");
    }

    // ---- scopes ------------------------------------------------------------------------------

    @Test
    void aCallsScopeOrNoOutcallScopeAtAllMayPlaceCalls() {
        assertEquals(202, post(postCalls("{\"to\":\"+14045550123\"}").scopeClaim("openid outcall/calls")).status());
        assertEquals(202, post(postCalls("{\"to\":\"+14045550123\"}").scopes("outcall/calls", "outcall/admin")).status());
        assertEquals(202, post(postCalls("{\"to\":\"+14045550123\"}").scopeClaim("openid email")).status(),
                "a token issued before roles existed");
        assertEquals(202, post(postCalls("{\"to\":\"+14045550123\"}")).status(), "no scope claim at all");
    }

    @Test
    void aMissingScopeIsA403NamingTheScopeNeeded() {
        Response response = post(postCalls("{\"to\":\"+14045550123\"}").scopeClaim("outcall/admin"));
        assertEquals(403, response.status());
        assertEquals("https://outcall.dev/problems/missing-scope", response.body().get("type").asText());
        assertTrue(response.body().get("detail").asText().contains("'outcall/calls'"), response.body()::toPrettyString);
    }

    @Test
    void theAuthorizersScopeListWinsOverTheClaim() {
        Response response = post(postCalls("{\"to\":\"+14045550123\"}").scopeClaim("outcall/calls").scopes("outcall/admin"));
        assertEquals(403, response.status(), "the list API Gateway verified is the one that counts");
    }

    @Test
    void anotherTenantsDidReadsExactlyLikeAnUnknownOne() {
        JsonNode foreign = post(postCalls("{\"to\":\"+14045550123\",\"from\":\"+442079460000\"}")).body().get("errors");
        JsonNode unknown = post(postCalls("{\"to\":\"+14045550123\",\"from\":\"+14045550177\"}")).body().get("errors");
        assertEquals(unknown, foreign);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        Response response = post(postCalls("{\"to\":\"nope\",\"context\":\"default\",\"variables\":{\"1A\":\"x\"}}"));
        assertEquals(Set.of("to", "context", "variables.1A"),
                Set.copyOf(response.body().get("errors").findValuesAsText("field")));
    }

    // ---- journeys ---------------------------------------------------------------------------

    @Test
    void aJourneyStepGetsOneCallHoweverOftenItIsRetried() throws IOException {
        String step = "{\"tenantId\":\"acme\",\"journeyId\":\"welcome\",\"executionId\":"
                + "\"arn:aws:states:us-east-1:123456789012:execution:welcome:run-1\",\"stepId\":\"call-1\",\"to\":\"+14045550123\"}";
        JsonNode first = invokeJourney(step);
        JsonNode retried = invokeJourney(step);

        assertEquals("QUEUED", first.get("status").asText());
        assertEquals(first.get("callId"), retried.get("callId"));
        Call call = calls().find(first.get("callId").asText()).orElseThrow();
        assertEquals("welcome", call.journey().journeyId());
        assertEquals("call-1", call.journey().stepId());

        JsonNode nextStep = invokeJourney(step.replace("call-1", "call-2"));
        assertNotEquals(first.get("callId"), nextStep.get("callId"));
    }

    @Test
    void aJourneyStepRetriedWithAnotherNumberIsAConflict() throws IOException {
        String step = "{\"tenantId\":\"acme\",\"journeyId\":\"j\",\"executionId\":\"e-conflict\",\"stepId\":\"s\",\"to\":\"+14045550123\"}";
        invokeJourney(step);
        assertThrows(IdempotencyConflictException.class, () -> invokeJourney(step.replace("0123", "0124")));
    }

    @Test
    void aJourneyRequestIsValidatedLikeAnHttpOne() {
        int before = backends().callCount();
        InvalidCallRequestException malformed = assertThrows(InvalidCallRequestException.class, () -> invokeJourney(
                "{\"tenantId\":\"acme\",\"journeyId\":\"j\",\"stepId\":\"s\",\"to\":\"+14045550123\\r\\n\"}"));
        assertEquals(Set.of("executionId", "to"),
                malformed.violations().stream().map(v -> v.field()).collect(Collectors.toSet()));
        InvalidCallRequestException foreignDid = assertThrows(InvalidCallRequestException.class, () -> invokeJourney(
                "{\"tenantId\":\"acme\",\"journeyId\":\"j\",\"executionId\":\"e\",\"stepId\":\"s\",\"to\":\"+14045550123\",\"from\":\"did-london\"}"));
        assertEquals(List.of("from"), foreignDid.violations().stream().map(v -> v.field()).toList());
        assertThrows(TenantNotFoundException.class, () -> invokeJourney(
                "{\"tenantId\":\"initech\",\"journeyId\":\"j\",\"executionId\":\"e\",\"stepId\":\"s\",\"to\":\"+14045550123\"}"));
        assertEquals(before, backends().callCount());
        assertEquals(0, backends().drainQueue().size());
    }

    // ---- the runtime's init ----------------------------------------------------------------

    @Test
    void theInitsWarmUpAndSnapStartPrimingWriteNothingAndTheFirstRequestIsAccepted() throws IOException {
        int before = backends().callCount();
        MakeCallHandler handler = new MakeCallHandler(
                InitBeside.run("make-call warm-up", IntakeWarmUp.steps(Map.of()), backends()::wiring));
        handler.beforeCheckpoint(null);

        assertEquals(before, backends().callCount(), "the warm-up or the priming wrote a call");
        assertEquals(0, backends().drainQueue().size(), "the warm-up or the priming queued a message");

        Response response = post(handler, postCalls("{\"to\":\"+14045550123\"}"));
        assertEquals(202, response.status(), response.body()::toPrettyString);
        assertEquals(before + 1, backends().callCount());
        assertEquals(1, backends().drainQueue().size());
    }

    // ---- helpers ----------------------------------------------------------------------------

    record Response(int status, JsonNode headers, JsonNode body) {
    }

    private Response post(ApiGatewayEvents event) {
        return post(makeCall, event);
    }

    private static Response post(MakeCallHandler handler, ApiGatewayEvents event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.bytes()), out, null);
            JsonNode response = ApiGatewayEvents.parse(out.toByteArray());
            OpenApiContract.repository().assertResponse(event.bytes(), response);
            return new Response(response.get("statusCode").asInt(), response.get("headers"),
                    parse(response.get("body").asText()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode invokeJourney(String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JourneyMakeCallHandler(wiring).handleRequest(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private DynamoCallStore calls() {
        return new DynamoCallStore(backends().dynamoDb(), IntakeBackends.CALLS, "CallStatsTable");
    }

    private static JsonNode parse(String json) {
        return ApiGatewayEvents.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
