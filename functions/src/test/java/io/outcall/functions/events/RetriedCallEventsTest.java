package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.dynamo.DynamoCallRetries;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.json.Json;
import io.outcall.core.retry.RetryOutcome;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.schedule.DueCall;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.core.webhooks.WebhookEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.outcall.functions.events.StreamedCalls.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call dialed twice (BUSY, then NO_ANSWER) written through the stores the bridge and the scheduler
 * use, its eight records read back from DynamoDB Local's real stream and handed to the publisher with
 * ElasticMQ behind the webhooks and the real EventBridge and Step Functions clients on an in-process
 * endpoint: attempt 2's statuses are published with ids of their own, in an order that rises across
 * the attempts (so the webhook sender supersedes none of them), attempt 1's end is one
 * {@code call.attempt_ended}, and the journey, webhooks and bus see exactly one final outcome.
 */
class RetriedCallEventsTest {

    private static final Json JSON = Json.standard();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    private static final RetryPolicy POLICY = new RetryPolicy(EnumSet.of(RetryOutcome.BUSY), 2, 60);

    @Test
    void aRetriedCallPublishesEachAttemptAndOneFinalOutcome() throws Exception {
        try (EventBackends aws = EventBackends.localServices();
             AwsJsonEndpoint eventBridge = new AwsJsonEndpoint((target, body) ->
                     AwsJsonEndpoint.Answer.ok("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e\"}]}"));
             AwsJsonEndpoint stepFunctions = new AwsJsonEndpoint((target, body) -> AwsJsonEndpoint.Answer.ok("{}"))) {
            StreamedCalls streamed = new StreamedCalls(aws);
            String tenant = "acme-" + UUID.randomUUID();
            WebhookEndpoint all = CallEventPublisherScenarios.endpoint(tenant, "https://hooks.example.com/all", Set.of("*"), true);
            WebhookEndpoint ends = CallEventPublisherScenarios.endpoint(tenant, "https://hooks.example.com/ends",
                    Set.of("call.attempt_ended", "call.no_answer", "call.busy"), true);
            DynamoWebhookEndpointStore endpoints = new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable");
            List.of(all, ends).forEach(endpoints::save);

            String callId = dialTwice(aws, streamed.store(), tenant);
            List<String> log = new ArrayList<>();
            JsonNode response = invoke(publisher(aws, endpoints, eventBridge, stepFunctions, log), streamed.nextEvent(8));
            assertEquals(0, response.get("batchItemFailures").size(), "nothing failed: " + log);

            List<DeliveryMessage> deliveries = drain(aws);
            List<DeliveryMessage> toAll = deliveries.stream().filter(d -> d.endpointId().equals(all.endpointId())).toList();
            assertEquals(List.of(callId + ".QUEUED", callId + ".DIALING", callId + ".RINGING", callId + ".ATTEMPT_ENDED.A1",
                    callId + ".QUEUED.A2", callId + ".DIALING.A2", callId + ".RINGING.A2", callId + ".NO_ANSWER"),
                    toAll.stream().map(DeliveryMessage::eventId).toList());
            assertEquals(List.of(9, 18, 27, 32, 41, 50, 59, 69), toAll.stream().map(DeliveryMessage::statusRank).toList(),
                    "rising across the attempts: the sender never takes attempt 2's DIALING for a step back");
            assertEquals(List.of(callId + ".ATTEMPT_ENDED.A1", callId + ".NO_ANSWER"), deliveries.stream()
                    .filter(d -> d.endpointId().equals(ends.endpointId())).map(DeliveryMessage::eventId).toList(),
                    "attempt 1's BUSY is an attempt's end, not the call's");

            JsonNode ended = JSON.read(toAll.get(3).body());
            assertEquals("call.attempt_ended", ended.get("type").asText());
            assertEquals(T0.plusSeconds(20).toString(), ended.get("timestamp").asText(), "when the attempt ended");
            JsonNode data = ended.get("data");
            assertEquals("SCHEDULED", data.get("status").asText());
            assertTrue(!data.get("final").asBoolean());
            assertEquals(2, data.get("attempt").asInt(), "the next attempt");
            assertEquals("BUSY", data.at("/attempts/0/status").asText());
            assertEquals(17, data.at("/attempts/0/cause/code").asInt());
            assertEquals(T0.plusSeconds(80).toString(), data.get("notBefore").asText(), "when the next one may dial");
            assertEquals("retry", data.get("scheduledReason").asText());

            List<String> busTypes = new ArrayList<>();
            for (var put : eventBridge.requests("AWSEvents.PutEvents")) {
                for (JsonNode entry : put.body().get("Entries")) {
                    busTypes.add(JSON.read(entry.get("Detail").asText()).get("type").asText());
                }
            }
            assertEquals(List.of("call.queued", "call.dialing", "call.ringing", "call.attempt_ended", "call.queued",
                    "call.dialing", "call.ringing", "call.no_answer"), busTypes);

            var resumed = stepFunctions.requests("AWSStepFunctions.SendTaskSuccess");
            assertEquals(1, resumed.size(), "the waiting journey step resumes once, at the final outcome: " + log);
            JsonNode output = JSON.read(resumed.get(0).body().get("output").asText());
            assertEquals("NO_ANSWER", output.get("status").asText());
            assertEquals(List.of("BUSY", "NO_ANSWER"), List.of(output.at("/attempts/0/status").asText(),
                    output.at("/attempts/1/status").asText()));
        }
    }

    @Test
    void aCallCanceledBetweenAttemptsEndsOnceCanceledWithoutAQueuedItNeverReached() throws Exception {
        try (EventBackends aws = EventBackends.localServices();
             AwsJsonEndpoint eventBridge = new AwsJsonEndpoint((target, body) ->
                     AwsJsonEndpoint.Answer.ok("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e\"}]}"));
             AwsJsonEndpoint stepFunctions = new AwsJsonEndpoint((target, body) -> AwsJsonEndpoint.Answer.ok("{}"))) {
            StreamedCalls streamed = new StreamedCalls(aws);
            String tenant = "acme-" + UUID.randomUUID();
            DynamoWebhookEndpointStore endpoints = new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable");
            WebhookEndpoint all = CallEventPublisherScenarios.endpoint(tenant, "https://hooks.example.com/all", Set.of("*"), true);
            endpoints.save(all);
            String callId = busyOnce(aws, streamed.store(), tenant);
            streamed.store().cancel(callId, tenant, T0.plusSeconds(30));

            List<String> log = new ArrayList<>();
            invoke(publisher(aws, endpoints, eventBridge, stepFunctions, log), streamed.nextEvent(5));
            assertEquals(List.of(callId + ".QUEUED", callId + ".DIALING", callId + ".RINGING", callId + ".ATTEMPT_ENDED.A1",
                    callId + ".CANCELED"), drain(aws).stream().map(DeliveryMessage::eventId).toList());
            var resumed = stepFunctions.requests("AWSStepFunctions.SendTaskSuccess");
            assertEquals(1, resumed.size(), "resumed once, canceled: " + log);
            assertEquals("CANCELED", JSON.read(resumed.get(0).body().get("output").asText()).get("status").asText());
        }
    }

    /** Attempt 1 rings and is busy, waits SCHEDULED, is enqueued, and attempt 2 rings unanswered: 8 writes. */
    private static String dialTwice(EventBackends aws, DynamoCallStore calls, String tenant) {
        String callId = busyOnce(aws, calls, tenant);
        Instant next = POLICY.nextAttemptAt(T0.plusSeconds(20));
        assertTrue(new DynamoScheduledCalls(aws.dynamoDb(), "CallsTable", 4).enqueue(new DueCall(callId, tenant, next), next)
                .isPresent());
        calls.claim(callId, tenant, "bridge-1", "action-2", 2, next.plusSeconds(1));
        calls.advance(CallProgress.status(callId, tenant, 2, CallStatus.RINGING, next.plusSeconds(2), null, "chan-2"));
        CallAttempt unanswered = new CallAttempt(2, CallStatus.NO_ANSWER, Disposition.NO_ANSWER,
                new HangupCause(19, "No answer"), next.plusSeconds(1), next.plusSeconds(32), 30);
        assertTrue(calls.advance(new CallProgress(callId, tenant, CallStatus.NO_ANSWER, Disposition.NO_ANSWER,
                unanswered.cause(), null, null, null, unanswered.endedAt(), 30, null, null, null, 2, unanswered)));
        return callId;
    }

    /** Attempt 1 of a call waiting on a journey step rings and is busy: the call waits SCHEDULED. 4 writes. */
    private static String busyOnce(EventBackends aws, DynamoCallStore calls, String tenant) {
        String callId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
        calls.create(Call.queued(callId, tenant, "+14045550123", "+14045550100", "did-1", null, null, "DynamicIVR",
                Map.of(), 30, T0, new JourneyRef("j-1", "e-1", "call", "token-retried"), null).withRetry(POLICY));
        calls.claim(callId, tenant, "bridge-1", "action-1", 1, T0.plusSeconds(1));
        calls.advance(CallProgress.status(callId, tenant, 1, CallStatus.RINGING, T0.plusSeconds(2), null, "chan-1"));
        CallAttempt busy = new CallAttempt(1, CallStatus.BUSY, Disposition.BUSY, new HangupCause(17, "User busy"),
                T0.plusSeconds(1), T0.plusSeconds(20), 18);
        assertTrue(new DynamoCallRetries(aws.dynamoDb(), "CallsTable", "CallStatsTable", 4)
                .retryLater(callId, tenant, busy, POLICY.nextAttemptAt(busy.endedAt())));
        return callId;
    }

    private static CallEventPublisherHandler publisher(EventBackends aws, DynamoWebhookEndpointStore endpoints,
                                                       AwsJsonEndpoint eventBridge, AwsJsonEndpoint stepFunctions,
                                                       List<String> log) {
        EventBridgeClient events = EventBridgeClient.builder().endpointOverride(eventBridge.uri()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        SfnClient sfn = SfnClient.builder().endpointOverride(stepFunctions.uri()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        return new CallEventPublisherHandler(endpoints,
                new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(JSON)),
                Optional.of(new EventBridgeBus(events, "calls-bus", JSON)), new StepFunctionsJourneyWaits(sfn), JSON,
                Clock.fixed(Instant.parse("2026-12-01T10:05:00Z"), ZoneOffset.UTC), log::add);
    }

    private static JsonNode invoke(CallEventPublisherHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.read(out.toByteArray());
    }

    private static List<DeliveryMessage> drain(EventBackends aws) {
        DeliveryMessageCodec codec = new DeliveryMessageCodec(JSON);
        List<DeliveryMessage> messages = new ArrayList<>();
        String url = aws.queueUrl("WebhookQueue");
        for (var received = aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
             !received.isEmpty(); received = aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()) {
            for (var m : received) {
                messages.add(codec.decode(m.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return messages;
    }
}
