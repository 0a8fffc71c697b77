package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.json.Json;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.SigningKey;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.core.webhooks.WebhookEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publisher over a real calls-table stream and SQS queue, with EventBridge and Step Functions
 * reached through the real SDK clients on an in-process endpoint speaking their JSON protocol
 * (what each was asked is read back from it, and it can answer with their errors). Subclasses
 * name the backends: DynamoDB Local and ElasticMQ, or LocalStack where Docker exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallEventPublisherScenarios {

    private static final Json JSON = Json.standard();
    private EventBackends aws;
    private StreamedCalls calls;
    private AwsJsonEndpoint eventBridge;
    private AwsJsonEndpoint stepFunctions;
    private volatile boolean eventBridgeDown;

    /** Starts the backends the scenarios run on; they are closed after the last one. */
    abstract EventBackends startBackends();

    @BeforeAll
    void start() throws Exception {
        aws = startBackends();
        calls = new StreamedCalls(aws);
        eventBridge = new AwsJsonEndpoint((target, body) -> eventBridgeDown
                ? new AwsJsonEndpoint.Answer(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"denied\"}")
                : AwsJsonEndpoint.Answer.ok("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e\"}]}"));
        stepFunctions = new AwsJsonEndpoint((target, body) -> body.path("taskToken").asText().startsWith("expired")
                ? AwsJsonEndpoint.Answer.error("TaskTimedOut", "Task Timed Out")
                : AwsJsonEndpoint.Answer.ok("{}"));
    }

    @AfterAll
    void stop() throws Exception {
        eventBridge.close();
        stepFunctions.close();
        aws.close();
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private CallEventPublisherHandler handler(List<String> log) {
        EventBridgeClient events = EventBridgeClient.builder().endpointOverride(eventBridge.uri()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        SfnClient sfn = SfnClient.builder().endpointOverride(stepFunctions.uri()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        return new CallEventPublisherHandler(new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable"),
                new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(JSON)),
                Optional.of(new EventBridgeBus(events, "calls-bus", JSON)), new StepFunctionsJourneyWaits(sfn), JSON,
                Clock.fixed(Instant.parse("2026-12-01T10:01:00Z"), ZoneOffset.UTC), log::add);
    }

    static WebhookEndpoint endpoint(String tenantId, String url, Set<String> types, boolean active) {
        return new WebhookEndpoint(tenantId, "ep-" + UUID.randomUUID(), URI.create(url), types, active,
                List.of(new SigningKey(WebhookSecret.generate(new SecureRandom()), StreamedCalls.T0, null)),
                StreamedCalls.T0, null, null);
    }

    private static JsonNode invoke(CallEventPublisherHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.read(out.toByteArray());
    }

    private List<DeliveryMessage> drainWebhookQueue() {
        DeliveryMessageCodec codec = new DeliveryMessageCodec(JSON);
        List<DeliveryMessage> messages = new ArrayList<>();
        String url = aws.queueUrl("WebhookQueue");
        while (true) {
            var received = aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
            if (received.isEmpty()) {
                return messages;
            }
            for (var m : received) {
                messages.add(codec.decode(m.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void everyStatusChangeGoesToEachInterestedEndpointTheBusAndTheWaitingJourney() throws Exception {
        String tenant = "acme-" + UUID.randomUUID();
        var store = new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable");
        WebhookEndpoint all = endpoint(tenant, "https://hooks.example.com/all", Set.of("*"), true);
        WebhookEndpoint finals = endpoint(tenant, "https://hooks.example.com/busy", Set.of("call.busy"), true);
        WebhookEndpoint off = endpoint(tenant, "https://hooks.example.com/off", Set.of("*"), false);
        WebhookEndpoint otherTenant = endpoint("other-" + UUID.randomUUID(), "https://x.example.com", Set.of("*"), true);
        List.of(all, finals, off, otherTenant).forEach(store::save);
        List<String> log = new ArrayList<>();
        int sfnBefore = stepFunctions.requests("AWSStepFunctions.SendTaskSuccess").size();
        int busBefore = eventBridge.requests("AWSEvents.PutEvents").size();

        String busy = calls.place(tenant, StreamedCalls.Outcome.BUSY, "token-busy");
        JsonNode response = invoke(handler(log), calls.nextEvent(4));

        assertEquals(0, response.get("batchItemFailures").size(), "nothing failed: " + log);
        List<DeliveryMessage> deliveries = drainWebhookQueue();
        assertEquals(List.of(busy + ".QUEUED", busy + ".DIALING", busy + ".RINGING", busy + ".BUSY"),
                deliveries.stream().filter(d -> d.endpointId().equals(all.endpointId())).map(DeliveryMessage::eventId).toList());
        assertEquals(List.of(busy + ".BUSY"), deliveries.stream()
                .filter(d -> d.endpointId().equals(finals.endpointId())).map(DeliveryMessage::eventId).toList());
        assertEquals(5, deliveries.size(), "nothing for the inactive endpoint or the other tenant");
        JsonNode body = JSON.read(deliveries.get(3).body());
        assertEquals("call.busy", body.get("type").asText());
        assertEquals("BUSY", body.get("data").get("status").asText());

        var puts = eventBridge.requests("AWSEvents.PutEvents").subList(busBefore, eventBridge.requests("AWSEvents.PutEvents").size());
        List<String> putTypes = new ArrayList<>();
        for (var put : puts) {
            for (JsonNode entry : put.body().get("Entries")) {
                assertEquals("outcall", entry.get("Source").asText());
                assertEquals("Call Status Changed", entry.get("DetailType").asText());
                assertEquals("calls-bus", entry.get("EventBusName").asText());
                JsonNode detail = JSON.read(entry.get("Detail").asText());
                assertEquals(tenant, detail.get("tenantId").asText());
                putTypes.add(detail.get("type").asText());
            }
        }
        assertEquals(List.of("call.queued", "call.dialing", "call.ringing", "call.busy"), putTypes);

        var resumed = stepFunctions.requests("AWSStepFunctions.SendTaskSuccess");
        assertEquals(sfnBefore + 1, resumed.size(), "one SendTaskSuccess, at the final status");
        JsonNode task = resumed.get(resumed.size() - 1).body();
        assertEquals("token-busy", task.get("taskToken").asText());
        JsonNode output = JSON.read(task.get("output").asText());
        assertEquals(busy, output.get("callId").asText());
        assertEquals("BUSY", output.get("status").asText(), "a busy call is a success whose output says BUSY");
        assertTrue(log.stream().noneMatch(l -> l.contains("token-busy")), "the token is never logged: " + log);
    }

    @Test
    void anExpiredTokenIsLoggedAndDroppedNotRetried() throws Exception {
        List<String> log = new ArrayList<>();
        String callId = calls.place("acme-" + UUID.randomUUID(), StreamedCalls.Outcome.ANSWERED, "expired-token");

        JsonNode response = invoke(handler(log), calls.nextEvent(5));

        assertEquals(0, response.get("batchItemFailures").size());
        assertTrue(log.stream().anyMatch(l -> l.contains(callId) && l.contains("no longer waits")), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("expired-token")), "the token is never logged: " + log);
        drainWebhookQueue();
    }

    @Test
    void aFailingBusReportsTheFirstFailedRecordSoTheStreamRetriesFromIt() throws Exception {
        List<String> log = new ArrayList<>();
        calls.place("acme-" + UUID.randomUUID(), StreamedCalls.Outcome.NO_ANSWER, null);
        String event = calls.nextEvent(4);
        String firstSequence = JSON.read(event).get("Records").get(0).get("dynamodb").get("SequenceNumber").asText();
        eventBridgeDown = true;
        try {
            JsonNode response = invoke(handler(log), event);
            assertEquals(1, response.get("batchItemFailures").size());
            assertEquals(firstSequence, response.get("batchItemFailures").get(0).get("itemIdentifier").asText());
        } finally {
            eventBridgeDown = false;
        }
        drainWebhookQueue();
    }
}
