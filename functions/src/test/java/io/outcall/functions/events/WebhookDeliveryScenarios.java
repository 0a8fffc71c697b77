package io.outcall.functions.events;

import io.outcall.core.dynamo.DynamoDeliveryStore;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.json.Json;
import io.outcall.core.webhooks.Delivery;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.DeliveryState;
import io.outcall.core.webhooks.EndpointAddressGuard;
import io.outcall.core.webhooks.EndpointCircuits;
import io.outcall.core.webhooks.JdkWebhookTransport;
import io.outcall.core.webhooks.RetrySchedule;
import io.outcall.core.webhooks.SigningKey;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.core.webhooks.WebhookEndpoint;
import io.outcall.core.webhooks.WebhookQueue;
import io.outcall.core.webhooks.WebhookSender;
import io.outcall.localaws.SqsEventSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls written on a real DynamoDB, their stream through the publisher, the webhook queue drained
 * into the sender as Lambda would, and real HTTP receivers in this JVM. Retry delays are not
 * waited for: the queue records each delay, moves the clock by it and hands the message back at
 * once. Subclasses name the backends: DynamoDB Local and ElasticMQ, or LocalStack where Docker exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookDeliveryScenarios {

    private static final Json JSON = Json.standard();
    private static final EndpointAddressGuard.Policy LOCAL = new EndpointAddressGuard.Policy(true, true);
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:01:00Z"));
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private EventBackends aws;
    private StreamedCalls calls;
    private WebhookReceiver receiver;
    private DynamoWebhookEndpointStore endpoints;
    private DynamoDeliveryStore deliveries;

    /** Starts the backends the scenarios run on; they are closed after the last one. */
    abstract EventBackends startBackends();

    @BeforeAll
    void start() throws IOException {
        aws = startBackends();
        calls = new StreamedCalls(aws);
        receiver = new WebhookReceiver(clock);
        endpoints = new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable");
        deliveries = new DynamoDeliveryStore(aws.dynamoDb(), "WebhookDeliveriesTable");
    }

    @AfterAll
    void stop() throws Exception {
        receiver.close();
        aws.close();
    }

    /** The real queue, but a delay moves the test clock instead of holding the message. */
    private WebhookQueue queue() {
        WebhookQueue sqs = new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(JSON));
        return new WebhookQueue() {
            @Override
            public void send(List<DeliveryMessage> messages) {
                sqs.send(messages);
            }

            @Override
            public void sendLater(DeliveryMessage message, Duration delay) {
                delays.add(delay);
                clock.advance(delay);
                sqs.sendLater(message, Duration.ZERO);
            }
        };
    }

    private WebhookSenderHandler sender(EndpointAddressGuard.Policy policy) {
        return sender(policy, queue());
    }

    private WebhookSenderHandler sender(EndpointAddressGuard.Policy policy, WebhookQueue queue) {
        return new WebhookSenderHandler(new WebhookSender(endpoints, deliveries, queue, new JdkWebhookTransport(),
                EndpointAddressGuard.system(policy), new RetrySchedule(new SplittableRandom(7)), clock,
                Duration.ofSeconds(1)), JSON, line -> { });
    }

    private static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void publish(String event) {
        invoke(new CallEventPublisherHandler(endpoints, queue(), Optional.empty(), (token, output) -> {
            throw new AssertionError("no journey waits in these tests");
        }, JSON, clock, line -> { }), event);
    }

    private int drain(EndpointAddressGuard.Policy policy) {
        WebhookSenderHandler handler = sender(policy);
        return new SqsEventSource(aws.sqs(), aws.queueUrl("WebhookQueue"), event -> invoke(handler, event)).drain();
    }

    private WebhookEndpoint register(String tenant, String url, WebhookSecret secret) {
        WebhookEndpoint endpoint = new WebhookEndpoint(tenant, "ep-" + UUID.randomUUID(), URI.create(url), Set.of("*"),
                true, List.of(new SigningKey(secret, clock.instant(), null)), clock.instant(), null, null);
        endpoints.save(endpoint);
        return endpoint;
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID();
    }

    private static List<String> types(List<WebhookReceiver.Received> received) {
        return received.stream().map(r -> {
            try {
                return JSON.read(r.body()).get("type").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void eachStatusOfEachOutcomeIsDeliveredOnceSignedAndInOrderEvenWhenTheStreamRepeatsItself() {
        for (StreamedCalls.Outcome outcome : StreamedCalls.Outcome.values()) {
            String tenant = tenant();
            WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
            String path = "/ok/" + outcome;
            register(tenant, receiver.path(path, WebhookReceiver.Behaviour.OK, secret), secret);
            String callId = calls.place(tenant, outcome, null);
            String event = calls.nextEvent(outcome.statuses().size());

            publish(event);
            publish(event); // Streams deliver at least once: the same records again.
            drain(LOCAL);

            List<WebhookReceiver.Received> got = receiver.at(path);
            List<String> expected = outcome.statuses().stream().map(s -> "call." + s.name().toLowerCase()).toList();
            assertEquals(expected, types(got), outcome + ": each status once, in order");
            assertTrue(got.stream().allMatch(WebhookReceiver.Received::verified), outcome + ": every request is signed");
            assertEquals(outcome.statuses().stream().map(s -> callId + "." + s.name()).toList(),
                    got.stream().map(WebhookReceiver.Received::id).toList(), "webhook-id is the event id");
            assertTrue(deliveries.forCall(callId).stream().allMatch(d -> d.state() == DeliveryState.DELIVERED));
            assertCallShowsItsDeliveries(tenant, callId, outcome.statuses().size());
        }
    }

    @Test
    void aMachineDetectedAndTheMessageLeftAreDeliveredOnceEachBesideTheStatusesAndNeverSuperseded() throws IOException {
        String tenant = tenant();
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        register(tenant, receiver.path("/amd", WebhookReceiver.Behaviour.OK, secret), secret);
        String callId = calls.placeMachineThatGotTheMessage(tenant);
        String event = calls.nextEvent(7);

        publish(event);
        publish(event);
        drain(LOCAL);

        List<WebhookReceiver.Received> got = receiver.at("/amd");
        assertEquals(List.of("call.answered", "call.completed", "call.dialing", "call.machine_detected", "call.queued",
                "call.ringing", "call.voicemail_left"), types(got).stream().sorted().toList(), "each event once");
        WebhookReceiver.Received machine = got.stream().filter(r -> r.id().equals(callId + ".MACHINE_DETECTED"))
                .findFirst().orElseThrow();
        var data = JSON.read(machine.body()).get("data");
        assertEquals("machine", data.get("answeredBy").asText());
        assertEquals("LONGGREETING-1500-1500", data.get("amdCause").asText());
        assertEquals(2181, data.get("amdMillis").asInt());
        var completed = JSON.read(got.stream().filter(r -> r.id().equals(callId + ".COMPLETED")).findFirst()
                .orElseThrow().body()).get("data");
        assertEquals(true, completed.get("voicemailLeft").asBoolean());
        assertEquals("ANSWERED", completed.get("disposition").asText(), "a machine is an answered call");
        assertTrue(deliveries.forCall(callId).stream().allMatch(d -> d.state() == DeliveryState.DELIVERED));
    }

    @Test
    void aStoredRecordingIsDeliveredOnceAfterTheCallsEnd() throws IOException {
        String tenant = tenant();
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        register(tenant, receiver.path("/recording", WebhookReceiver.Behaviour.OK, secret), secret);
        String callId = calls.placeRecorded(tenant);
        String event = calls.nextEvent(6);

        publish(event);
        publish(event);
        drain(LOCAL);

        List<WebhookReceiver.Received> got = receiver.at("/recording");
        assertEquals(List.of("call.answered", "call.completed", "call.dialing", "call.queued", "call.recording_ready",
                "call.ringing"), types(got).stream().sorted().toList(), "each event once");
        WebhookReceiver.Received ready = got.stream().filter(r -> r.id().equals(callId + ".RECORDING_READY"))
                .findFirst().orElseThrow();
        assertTrue(ready.verified());
        var data = JSON.read(ready.body()).get("data");
        assertEquals(true, data.get("record").asBoolean());
        assertEquals(15, data.at("/recording/durationSeconds").asInt());
        assertEquals(240_044, data.at("/recording/bytes").asLong());
        assertEquals("COMPLETED", data.get("status").asText(), "stored after the end, which it does not supersede");
    }

    /** GET /calls/{callId} lists the call's deliveries; another tenant's call stays a 404. */
    private void assertCallShowsItsDeliveries(String tenant, String callId, int expected) {
        var config = new io.outcall.functions.FunctionConfig(software.amazon.awssdk.regions.Region.US_EAST_1, "CallsTable",
                "TenantsTable", "IdempotencyTable", "CallEventsTable", "CallStatsTable", aws.queueUrl("OriginateQueue"),
                "tenant_id", null, null, null, "scope");
        var handler = new io.outcall.functions.calllog.GetCallHandler(
                io.outcall.functions.ReadWiring.of(config, aws.dynamoDb()), deliveries);
        var answer = ApiGatewayRequests.call(handler, tenant, "outcall/calls", "GET", "/calls/" + callId,
                java.util.Map.of("callId", callId), java.util.Map.of("events", "false"), null);
        assertEquals(200, answer.status());
        assertEquals(expected, answer.body().get("webhookDeliveries").size());
        assertEquals("DELIVERED", answer.body().get("webhookDeliveries").get(0).get("state").asText());
        assertEquals(404, ApiGatewayRequests.call(handler, "someone-else", "outcall/calls", "GET", "/calls/" + callId,
                java.util.Map.of("callId", callId), java.util.Map.of(), null).status());
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheSameEventOnTheFourthAttemptAfterGrowingDelays() {
        String tenant = tenant();
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        WebhookEndpoint endpoint = register(tenant, receiver.path("/flaky", WebhookReceiver.Behaviour.FAIL_THREE_TIMES,
                secret), secret);
        endpoints.save(new WebhookEndpoint(tenant, endpoint.endpointId(), endpoint.url(), Set.of("call.busy"), true,
                endpoint.keys(), endpoint.createdAt(), null, null));
        String callId = calls.place(tenant, StreamedCalls.Outcome.BUSY, null);
        delays.clear();

        publish(calls.nextEvent(4));
        drain(LOCAL);

        List<WebhookReceiver.Received> got = receiver.at("/flaky");
        assertEquals(4, got.size());
        assertTrue(got.stream().allMatch(r -> r.id().equals(callId + ".BUSY") && r.verified()));
        Delivery delivery = deliveries.find(endpoint.endpointId(), callId + ".BUSY").orElseThrow();
        assertEquals(DeliveryState.DELIVERED, delivery.state());
        assertEquals(List.of(503, 503, 503, 200), delivery.attempts().stream().map(a -> a.statusCode()).toList());
        assertEquals(3, delays.size());
        for (int i = 0; i < 3; i++) {
            long ceiling = RetrySchedule.FIRST.toMillis() << i;
            assertTrue(delays.get(i).toMillis() >= ceiling / 2 && delays.get(i).toMillis() <= ceiling,
                    "attempt " + (i + 1) + " waits between half and all of " + ceiling + " ms: " + delays);
        }
    }

    @Test
    void aDeadEndpointsDeliveriesWaitUntriedBehindItsCircuitAndAllGoOutInOrderOnceItAnswers() {
        String tenant = tenant();
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        WebhookEndpoint down = register(tenant, receiver.path("/down", WebhookReceiver.Behaviour.DOWN, secret), secret);
        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            callIds.add(calls.place(tenant, StreamedCalls.Outcome.ANSWERED, null));
        }
        publish(calls.nextEvent(15));

        // While the clock stands still the circuit stays open: what comes back is held again, untried.
        WebhookQueue sqs = new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(JSON));
        WebhookQueue standingStill = new WebhookQueue() {
            @Override
            public void send(List<DeliveryMessage> messages) {
                sqs.send(messages);
            }

            @Override
            public void sendLater(DeliveryMessage message, Duration delay) {
                sqs.sendLater(message, Duration.ZERO);
            }
        };
        WebhookSenderHandler handler = sender(LOCAL, standingStill);
        SqsEventSource source = new SqsEventSource(aws.sqs(), aws.queueUrl("WebhookQueue"), e -> invoke(handler, e));
        for (int poll = 0; poll < 6; poll++) {
            source.pollOnce(0);
        }
        int attempted = receiver.at("/down").size();
        List<Delivery> waiting = callIds.stream().flatMap(id -> deliveries.forCall(id).stream()).toList();
        assertEquals(15, waiting.size(), "every delivery is listed on its call, held ones too: " + waiting);
        assertTrue(waiting.stream().allMatch(d -> d.state() == DeliveryState.PENDING), waiting.toString());
        // Each lane (one per call) may have begun its attempt before another lane's failure opened the circuit.
        assertTrue(attempted >= EndpointCircuits.THRESHOLD && attempted <= EndpointCircuits.THRESHOLD + 2,
                "the circuit opened after " + EndpointCircuits.THRESHOLD + " failures and nothing more was tried: "
                        + attempted + " attempts for 15 deliveries");
        assertEquals(attempted, waiting.stream().mapToInt(d -> d.attempts().size()).sum(), "every attempt is recorded");

        receiver.behave("/down", WebhookReceiver.Behaviour.OK);
        clock.advance(RetrySchedule.LONGEST.plusMinutes(1));
        drain(LOCAL);

        for (String callId : callIds) {
            List<String> got = receiver.at("/down").stream().filter(r -> r.id().startsWith(callId + "."))
                    .map(WebhookReceiver.Received::id).distinct().toList();
            List<String> order = StreamedCalls.Outcome.ANSWERED.statuses().stream().map(st -> callId + "." + st.name())
                    .filter(got::contains).toList();
            assertEquals(order, got, "a call's statuses never arrive backwards");
            assertTrue(got.contains(callId + ".COMPLETED"), "its final status arrived: " + got);
            assertTrue(deliveries.forCall(callId).stream().allMatch(d -> d.state() == DeliveryState.DELIVERED
                    || d.state() == DeliveryState.SUPERSEDED), deliveries.forCall(callId).toString());
        }
        endpoints.delete(tenant, down.endpointId());
    }

    @Test
    void aHangingReceiverTimesOutAndRetriesWhileAnotherTenantInTheSameBatchIsServed() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        String slowTenant = tenant();
        WebhookEndpoint slow = register(slowTenant, receiver.path("/hang", WebhookReceiver.Behaviour.HANG, secret), secret);
        String quickTenant = tenant();
        register(quickTenant, receiver.path("/quick", WebhookReceiver.Behaviour.OK, secret), secret);
        String slowCall = calls.place(slowTenant, StreamedCalls.Outcome.BUSY, null);
        calls.place(quickTenant, StreamedCalls.Outcome.BUSY, null);
        publish(calls.nextEvent(8));

        WebhookSenderHandler handler = sender(LOCAL);
        // One receive, one invocation: the slow deliveries and the quick ones go in the same batches.
        SqsEventSource source = new SqsEventSource(aws.sqs(), aws.queueUrl("WebhookQueue"), e -> invoke(handler, e));
        source.pollOnce(0);
        source.pollOnce(0);
        // Gone before anything is asserted, so a failure here leaves no endpoint hanging other tests.
        endpoints.delete(slowTenant, slow.endpointId());

        assertEquals(List.of("call.queued", "call.dialing", "call.ringing", "call.busy"), types(receiver.at("/quick")));
        Delivery hung = deliveries.find(slow.endpointId(), slowCall + ".QUEUED").orElseThrow();
        assertTrue(hung.attempts().get(0).error().contains("no answer within"), hung.attempts().toString());
        drain(LOCAL); // the retries find the endpoint gone and end CANCELED
        assertEquals(DeliveryState.CANCELED,
                deliveries.find(slow.endpointId(), slowCall + ".QUEUED").orElseThrow().state());
    }

    @Test
    void aReceiverDownForGoodIsRetriedForADayThenGivenUpAndMarkedFailing() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String tenant = tenant();
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        // Its deliveries have been given up for two days already: one more day of failure turns it off.
        WebhookEndpoint dead = new WebhookEndpoint(tenant, "ep-" + UUID.randomUUID(),
                URI.create("http://127.0.0.1:" + closedPort + "/gone"), Set.of("call.no_answer"), true,
                List.of(new SigningKey(secret, clock.instant(), null)), clock.instant(),
                clock.instant().minus(Duration.ofDays(2)), null);
        endpoints.save(dead);
        String otherTenant = tenant();
        register(otherTenant, receiver.path("/unaffected", WebhookReceiver.Behaviour.OK, secret), secret);
        String deadCall = calls.place(tenant, StreamedCalls.Outcome.NO_ANSWER, null);
        calls.place(otherTenant, StreamedCalls.Outcome.NO_ANSWER, null);
        Instant began = clock.instant();

        publish(calls.nextEvent(8));
        drain(LOCAL);

        Delivery given = deliveries.find(dead.endpointId(), deadCall + ".NO_ANSWER").orElseThrow();
        assertEquals(DeliveryState.FAILED, given.state());
        Instant last = given.attempts().get(given.attempts().size() - 1).at();
        assertFalse(last.isBefore(began.plus(RetrySchedule.GIVE_UP_AFTER)), "retried for at least 24 h, last at " + last);
        assertTrue(given.attempts().stream().allMatch(a -> a.statusCode() == 0 && a.error() != null));
        WebhookEndpoint off = endpoints.find(tenant, dead.endpointId()).orElseThrow();
        assertFalse(off.active(), "3 days of given-up deliveries turn the endpoint off");
        assertNotNull(off.disabledReason());
        var audit = new io.outcall.core.dynamo.DynamoTenantAdminStore(aws.dynamoDb(), "TenantsTable")
                .audit(tenant, null, 10).items();
        assertEquals(List.of("webhook.disabled"), audit.stream().map(e -> e.action()).toList(), "and the audit says so");
        assertEquals(4, receiver.at("/unaffected").size(), "the other tenant got all its events");
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedAtSendTime() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        String tenant = tenant();
        // "localhost" passes any check on the text of the URL; only resolving it shows loopback.
        String url = receiver.path("/internal", WebhookReceiver.Behaviour.OK, secret).replace("127.0.0.1", "localhost");
        WebhookEndpoint internal = register(tenant, url, secret);
        String internalCall = calls.place(tenant, StreamedCalls.Outcome.BUSY, null);
        publish(calls.nextEvent(4));

        WebhookSenderHandler strictButHttp = sender(new EndpointAddressGuard.Policy(true, false));
        new SqsEventSource(aws.sqs(), aws.queueUrl("WebhookQueue"), e -> invoke(strictButHttp, e)).pollOnce(0);

        Delivery refused = deliveries.find(internal.endpointId(), internalCall + ".QUEUED").orElseThrow();
        assertTrue(refused.attempts().get(0).error().contains("loopback"), refused.attempts().toString());
        assertEquals(List.of(), receiver.at("/internal"), "nothing reached the loopback receiver");
        endpoints.delete(tenant, internal.endpointId());
        drain(LOCAL);
    }

    @Test
    void aRedirectIsAFailedAttemptNeverFollowed() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        String tenant = tenant();
        WebhookEndpoint redirecting = register(tenant, receiver.path("/redirect", WebhookReceiver.Behaviour.REDIRECT,
                secret), secret);
        endpoints.save(new WebhookEndpoint(tenant, redirecting.endpointId(), redirecting.url(), Set.of("call.busy"), true,
                redirecting.keys(), redirecting.createdAt(), null, null));
        String callId = calls.place(tenant, StreamedCalls.Outcome.BUSY, null);
        publish(calls.nextEvent(4));

        WebhookSenderHandler handler = sender(LOCAL);
        new SqsEventSource(aws.sqs(), aws.queueUrl("WebhookQueue"), e -> invoke(handler, e)).pollOnce(0);

        Delivery delivery = deliveries.find(redirecting.endpointId(), callId + ".BUSY").orElseThrow();
        assertEquals(302, delivery.attempts().get(0).statusCode(), "a redirect is a failed attempt");
        assertEquals(DeliveryState.PENDING, delivery.state(), "and is retried later, at the same URL");
        assertEquals(1, receiver.at("/redirect").size());
        endpoints.delete(tenant, redirecting.endpointId());
        drain(LOCAL);
    }
}
