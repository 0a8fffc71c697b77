package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoPromptStore;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.json.Json;
import io.outcall.core.prompt.Prompt;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.testing.OpenApiContract;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call naming a prompt, through POST /calls, a batch item and the journey input, over DynamoDB
 * Local and ElasticMQ: a ready prompt of the tenant goes on the queue as its playable path; an
 * unknown one, one still uploading, or another tenant's is a 400 naming the field.
 */
class CallPromptsOnLocalServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalServices local;
    private static IntakeBackends backends;
    private IntakeWiring wiring;

    @BeforeAll
    static void start() {
        local = LocalServices.startInMemory();
        backends = new IntakeBackends(local.dynamoDb(), local.sqs(), local.queueUrl("OriginateQueue"));
        backends.seedTenants();
        DynamoPromptStore prompts = new DynamoPromptStore(local.dynamoDb(), IntakeBackends.TENANTS);
        prompt(prompts, "acme", "welcome", true);
        prompt(prompts, "acme", "pending", false);
        prompt(prompts, "globex", "secret", true);
    }

    private static void prompt(DynamoPromptStore prompts, String tenant, String name, boolean ready) {
        Instant now = Instant.now();
        String uploadId = "0123456789abcdef" + name;
        prompts.startUpload(Prompt.uploading(tenant, name, uploadId, 1000, now),
                new AuditEntry(tenant, now, "tester", "prompt.upload_started", name, List.of()));
        if (ready) {
            prompts.markReady(tenant, name, uploadId, 1500, now);
        }
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
    void aReadyPromptOfTheTenantIsQueuedAsItsPlayablePath() {
        JsonNode accepted = post("/calls", "{\"to\":\"+14045550123\",\"prompt\":\"welcome\"}");
        assertEquals(202, accepted.get("statusCode").asInt(), accepted.toString());
        OriginateMessage message = onlyMessage();
        assertEquals("outcall/acme/welcome", message.prompt());
        assertEquals(OriginateMessage.VERSION_WITH_RECORD_OR_PROMPT, message.schemaVersion());
        String callId = body(accepted).get("callId").asText();
        assertEquals("welcome", new DynamoCallStore(local.dynamoDb(), IntakeBackends.CALLS, "CallStatsTable")
                .find(callId).orElseThrow().prompt(), "kept on the call, so a re-queue (retry, sweeper) carries it");

        post("/calls", "{\"to\":\"+14045550124\"}");
        assertNull(onlyMessage().prompt());
    }

    @Test
    void aRecordedCallNamingAPromptIsQueuedWithBoth() {
        JsonNode accepted = post("/calls", "{\"to\":\"+14045550125\",\"prompt\":\"welcome\",\"record\":true}");
        assertEquals(202, accepted.get("statusCode").asInt(), accepted.toString());
        OriginateMessage message = onlyMessage();
        assertEquals(OriginateMessage.VERSION_WITH_RECORD_OR_PROMPT, message.schemaVersion());
        assertEquals("outcall/acme/welcome", message.prompt());
        assertTrue(message.record());
        var call = new DynamoCallStore(local.dynamoDb(), IntakeBackends.CALLS, "CallStatsTable")
                .find(body(accepted).get("callId").asText()).orElseThrow();
        assertEquals("welcome", call.prompt());
        assertTrue(call.record());
    }

    @Test
    void anUnknownPendingOrOtherTenantsPromptIsRefusedNamingTheField() {
        for (String name : List.of("nope", "pending", "secret", "../etc")) {
            JsonNode refused = post("/calls", "{\"to\":\"+14045550123\",\"prompt\":\"" + name + "\"}");
            assertEquals(400, refused.get("statusCode").asInt(), name);
            assertEquals("prompt", body(refused).at("/errors/0/field").asText(), name);
        }
        JsonNode otherFolder = post("/calls", """
                {"to":"+14045550123","answeringMachineDetection":"leaveMessage",
                 "voicemailMessage":{"prompt":"outcall/globex/secret"}}""");
        assertEquals(400, otherFolder.get("statusCode").asInt());
        assertEquals("voicemailMessage.prompt", body(otherFolder).at("/errors/0/field").asText());
        assertTrue(backends.drainQueue().isEmpty(), "nothing was queued");

        JsonNode ownFolder = post("/calls", """
                {"to":"+14045550123","answeringMachineDetection":"leaveMessage",
                 "voicemailMessage":{"prompt":"outcall/acme/welcome"}}""");
        assertEquals(202, ownFolder.get("statusCode").asInt(), ownFolder.toString());
        assertEquals("outcall/acme/welcome", onlyMessage().amd().message().prompt());
    }

    @Test
    void aBatchItemAndAJourneyStepNameAPromptTheSameWay() throws IOException {
        JsonNode batch = body(post("/calls/batch", """
                {"calls":[{"to":"+14045550131","prompt":"welcome"},{"to":"+14045550132","prompt":"secret"},
                          {"to":"+14045550133","prompt":"welcome"}]}"""));
        assertEquals(2, batch.get("accepted").asInt(), batch.toString());
        assertEquals("prompt", batch.at("/results/1/problem/errors/0/field").asText());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JourneyMakeCallHandler(wiring).handleRequest(new ByteArrayInputStream("""
                {"tenantId":"acme","journeyId":"j-1","executionId":"e-1","stepId":"s-1","to":"+14045550134",
                 "prompt":"welcome"}""".getBytes(StandardCharsets.UTF_8)), out, null);
        List<Message> queued = backends.drainQueue();
        assertEquals(3, queued.size());
        OriginateMessageCodec codec = new OriginateMessageCodec(Json.standard());
        queued.forEach(m -> assertEquals("outcall/acme/welcome", codec.decode(m.body()).prompt()));

        InvalidCallRequestException refused = assertThrows(InvalidCallRequestException.class, () ->
                new JourneyMakeCallHandler(wiring).handleRequest(new ByteArrayInputStream("""
                        {"tenantId":"acme","journeyId":"j-1","executionId":"e-1","stepId":"s-2","to":"+14045550135",
                         "prompt":"pending"}""".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null));
        assertEquals("prompt", refused.violations().getFirst().field());
    }

    private OriginateMessage onlyMessage() {
        List<Message> queued = backends.drainQueue();
        assertEquals(1, queued.size());
        return new OriginateMessageCodec(Json.standard()).decode(queued.getFirst().body());
    }

    private JsonNode post(String path, String body) {
        ApiGatewayEvents event = ApiGatewayEvents.postCalls(body).path(path);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (path.endsWith("/batch")) {
                new MakeCallsHandler(wiring).handleRequest(new ByteArrayInputStream(event.bytes()), out, null);
            } else {
                new MakeCallHandler(wiring).handleRequest(new ByteArrayInputStream(event.bytes()), out, null);
            }
            JsonNode response = JSON.readTree(out.toByteArray());
            OpenApiContract.repository().assertResponse(event.bytes(), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
