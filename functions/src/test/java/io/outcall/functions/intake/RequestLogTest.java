package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.calllog.CallNotFoundException;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.json.Json;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.calllog.GetCallHandler;
import io.outcall.functions.calllog.JourneyCallStatusHandler;
import io.outcall.functions.http.RequestLog;
import io.outcall.functions.testing.OpenApiContract;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The functions' request log, read back as an operator's log query would: one JSON object per
 * request with its route, tenant, call, status and latency, and never the token, the body or a
 * full phone number. Real handlers over DynamoDB Local and ElasticMQ; only the stream is captured.
 */
class RequestLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "eyJraWQiOiJ0ZXN0IiwiYWxnIjoiUlMyNTYifQ.e30.c2lnbmF0dXJl";
    private static final String DIALED = "+14045550123";
    private static final String DIALED_DIGITS = "4045550123";

    private static LocalServices local;
    private static IntakeBackends backends;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final RequestLog log = new RequestLog(Json.standard(), new PrintStream(captured, true, StandardCharsets.UTF_8),
            Clock.systemUTC());

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

    @Test
    void everyRequestIsOneJsonLineWithItsRouteTenantCallStatusAndLatency() throws IOException {
        MakeCallHandler makeCall = new MakeCallHandler(backends.wiring().withRequestLog(log));
        ReadWiring read = ReadWiring.of(backends.config(), local.dynamoDb()).withRequestLog(log);

        JsonNode accepted = invoke(makeCall, ApiGatewayEvents.postCalls("{\"to\":\"" + DIALED + "\"}").bytes());
        assertEquals(202, accepted.path("statusCode").asInt(), accepted::toString);
        String callId = JSON.readTree(accepted.path("body").asText()).path("callId").asText();
        invoke(makeCall, ApiGatewayEvents.postCalls("{\"to\":\"+1404\",\"transferNumber\":\"" + DIALED + "x\"}").bytes());
        invoke(new GetCallHandler(read), getCallEvent(callId));
        invoke(new JourneyMakeCallHandler(backends.wiring().withRequestLog(log)),
                ("{\"tenantId\":\"acme\",\"journeyId\":\"j-1\",\"executionId\":\"e-" + callId + "\",\"stepId\":\"s\",\"to\":\""
                        + DIALED + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidCallRequestException.class, () -> invoke(new JourneyMakeCallHandler(backends.wiring()
                .withRequestLog(log)), "{\"tenantId\":\"acme\",\"to\":\"+1404\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CallNotFoundException.class, () -> invoke(new JourneyCallStatusHandler(read),
                "{\"tenantId\":\"globex\",\"callId\":\"01JAAAAAAAAAAAAAAAAAAAAAAA\"}".getBytes(StandardCharsets.UTF_8)));

        List<JsonNode> lines = lines();
        assertEquals(6, lines.size(), captured::toString);
        assertLine(lines.get(0), "POST /calls", "acme", callId, 202, "INFO");
        assertLine(lines.get(1), "POST /calls", "acme", null, 400, "INFO");
        assertLine(lines.get(2), "GET /calls/{callId}", "acme", callId, 200, "INFO");
        assertLine(lines.get(3), "journey MakeCall", "acme", lines.get(3).path("callId").asText(), 200, "INFO");
        assertEquals(26, lines.get(3).path("callId").asText().length(), "the journey's new call is named");
        assertLine(lines.get(4), "journey MakeCall", "acme", null, 400, "INFO");
        assertEquals("InvalidCallRequestException", lines.get(4).path("error").asText());
        assertLine(lines.get(5), "journey CallStatus", "globex", "01JAAAAAAAAAAAAAAAAAAAAAAA", 404, "INFO");
        assertEquals("JKJaXmPLvHcESHA=", lines.get(0).path("requestId").asText(), "API Gateway's request id");
    }

    @Test
    void noLineHoldsTheTokenTheBodyOrAFullNumber() throws IOException {
        MakeCallHandler makeCall = new MakeCallHandler(backends.wiring().withRequestLog(log));
        invoke(makeCall, ApiGatewayEvents.postCalls("{\"to\":\"" + DIALED + "\",\"variables\":{\"PIN\":\"s3cr3t-pin\"}}")
                .header("authorization", "Bearer " + TOKEN).bytes());
        invoke(makeCall, ApiGatewayEvents.postCalls("{\"to\":\"" + DIALED + "\",\"from\":\"+14045550999\"}").bytes());

        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, lines().size(), text);
        for (String secret : List.of(TOKEN, "c2lnbmF0dXJl", "s3cr3t-pin", DIALED_DIGITS, "4045550999", "4045550100",
                "4045550101", "4045550199", "4045550198")) {
            assertFalse(text.contains(secret), () -> "the request log shows '" + secret + "': " + text);
        }
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), "each line is one JSON object: " + line);
            lines.add(node);
        }
        return lines;
    }

    private static void assertLine(JsonNode line, String route, String tenant, String callId, int status, String level) {
        assertEquals(route, line.path("route").asText(), line::toString);
        assertEquals(tenant, line.path("tenantId").asText(null), line::toString);
        assertEquals(callId, line.path("callId").asText(null), line::toString);
        assertEquals(status, line.path("status").asInt(), line::toString);
        assertEquals(level, line.path("level").asText(), line::toString);
        assertEquals("request", line.path("message").asText(), line::toString);
        assertTrue(line.path("latencyMs").isIntegralNumber() && line.path("latencyMs").asLong() >= 0, line::toString);
        assertTrue(line.path("timestamp").asText().endsWith("Z"), line::toString);
    }

    private static byte[] getCallEvent(String callId) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.putObject("headers").put("authorization", "Bearer " + TOKEN);
        event.putObject("pathParameters").put("callId", callId);
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "get-1");
        context.putObject("http").put("method", "GET").put("path", "/calls/" + callId);
        context.putObject("authorizer").putObject("jwt").putObject("claims").put("tenant_id", "acme");
        return JSON.writeValueAsBytes(event);
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        JsonNode response = JSON.readTree(out.toByteArray());
        if (JSON.readTree(event).has("requestContext")) {
            // An HTTP API event (the journey handlers take Step Functions input): held to openapi.yaml.
            OpenApiContract.repository().assertResponse(event, response);
        }
        return response;
    }
}
