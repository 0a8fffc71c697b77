package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.dynamo.DynamoDeliveryStore;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.json.Json;
import io.outcall.core.webhooks.DeliveryAttempt;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.DeliveryState;
import io.outcall.core.webhooks.EndpointAddressGuard;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.core.webhooks.WebhookRegistry;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.RequestLog;
import io.outcall.functions.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook routes as API Gateway invokes them, over a real DynamoDB and SQS, every response
 * checked against openapi.yaml. Subclasses name the backends: DynamoDB Local and ElasticMQ, or
 * LocalStack where Docker exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhooksApiScenarios {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Json JSON = Json.standard();
    private EventBackends aws;
    private WebhookApiWiring wiring;

    /** Starts the backends the scenarios run on; they are closed after the last one. */
    abstract EventBackends startBackends();

    /** Public names as DNS would answer them (no network here), and one that points inside. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "hooks.example.com", "new.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            case "internal.example.com" -> new InetAddress[] {InetAddress.getByName("10.0.0.7")};
            default -> InetAddress.getAllByName(host);
        };
    }

    @BeforeAll
    void start() {
        aws = startBackends();
        wiring = new WebhookApiWiring(new ApiEvents(JSON, "tenant_id", "scope", RequestLog.standardOutput(JSON)),
                new WebhookRegistry(new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable"),
                        new EndpointAddressGuard(WebhooksApiScenarios::resolve, EndpointAddressGuard.Policy.STRICT),
                        new SecureRandom(), Clock.systemUTC()),
                new DynamoDeliveryStore(aws.dynamoDb(), "WebhookDeliveriesTable"),
                new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(JSON)),
                Clock.systemUTC());
    }

    @AfterAll
    void stop() throws Exception {
        aws.close();
    }

    private static ApiGatewayRequests.Answer call(HttpFunction handler, String tenant, String scope, String method, String path,
                               Map<String, String> pathParameters, String body) {
        return ApiGatewayRequests.call(handler, tenant, scope, method, path, pathParameters, Map.of(), body);
    }

    private static ApiGatewayRequests.Answer call(HttpFunction handler, String tenant, String scope, String method, String path,
                               Map<String, String> pathParameters, Map<String, String> query, String body) {
        return ApiGatewayRequests.call(handler, tenant, scope, method, path, pathParameters, query, body);
    }

    private static final String ADMIN = "outcall/calls outcall/admin";

    @Test
    void onlyAnAdministratorManagesWebhooks() {
        WebhooksHandler webhooks = new WebhooksHandler(wiring);
        ApiGatewayRequests.Answer caller = call(webhooks, "acme", "outcall/calls", "GET", "/tenant/webhooks", Map.of(), null);
        assertEquals(403, caller.status());
        assertTrue(caller.body().get("detail").asText().contains("outcall/admin"));
        assertEquals(403, call(webhooks, "acme", null, "GET", "/tenant/webhooks", Map.of(), null).status(),
                "a token from before roles existed may place calls, not manage webhooks");
    }

    @Test
    void aWebhookIsRegisteredWithItsSecretShownOnceChangedRotatedAndDeleted() {
        WebhooksHandler webhooks = new WebhooksHandler(wiring);
        String tenant = "t-" + UUID.randomUUID();
        ApiGatewayRequests.Answer created = call(webhooks, tenant, ADMIN, "POST", "/tenant/webhooks", Map.of(),
                "{\"url\":\"https://hooks.example.com/outcall\",\"eventTypes\":[\"call.completed\",\"call.busy\"]}");
        assertEquals(201, created.status());
        String id = created.body().get("webhookId").asText();
        String secret = created.body().get("secret").asText();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals("/tenant/webhooks/" + id, created.headers().get("location").asText());

        ApiGatewayRequests.Answer listed = call(webhooks, tenant, ADMIN, "GET", "/tenant/webhooks", Map.of(), null);
        assertEquals(1, listed.body().get("webhooks").size());
        assertFalse(listed.body().toString().contains(secret.substring(6)), "a secret is never shown again");
        ApiGatewayRequests.Answer read = call(webhooks, tenant, ADMIN, "GET", "/tenant/webhooks/" + id, Map.of("webhookId", id), null);
        assertFalse(read.body().has("secret"));
        assertEquals(404, call(webhooks, "other-tenant", ADMIN, "GET", "/tenant/webhooks/" + id,
                Map.of("webhookId", id), null).status(), "another tenant's webhook does not exist for this one");

        ApiGatewayRequests.Answer changed = call(webhooks, tenant, ADMIN, "PATCH", "/tenant/webhooks/" + id, Map.of("webhookId", id),
                "{\"url\":\"https://new.example.com/hook\",\"active\":false}");
        assertEquals(200, changed.status());
        assertEquals("https://new.example.com/hook", changed.body().get("url").asText());
        assertFalse(changed.body().get("active").asBoolean());
        assertEquals("[\"call.busy\",\"call.completed\"]", changed.body().get("eventTypes").toString());

        ApiGatewayRequests.Answer rotated = call(webhooks, tenant, ADMIN, "POST", "/tenant/webhooks/" + id + "/rotate-secret",
                Map.of("webhookId", id), null);
        assertEquals(200, rotated.status());
        assertNotEquals(secret, rotated.body().get("secret").asText());
        assertEquals(2, wiring.registry().find(tenant, id).orElseThrow().signingSecrets(Instant.now()).size(),
                "the old secret signs beside the new one for a day");

        assertEquals(204, call(webhooks, tenant, ADMIN, "DELETE", "/tenant/webhooks/" + id, Map.of("webhookId", id),
                null).status());
        var audit = new io.outcall.core.dynamo.DynamoTenantAdminStore(aws.dynamoDb(), "TenantsTable")
                .audit(tenant, null, 10).items();
        assertEquals(java.util.List.of("webhook.deleted", "webhook.secret-rotated", "webhook.updated", "webhook.created"),
                audit.stream().map(e -> e.action()).toList(), "every change is in the tenant's audit, newest first");
        assertEquals("admin-1", audit.get(0).actor());
        assertFalse(audit.toString().contains(secret.substring(6)), "the audit never holds a secret");
        assertEquals(404, call(webhooks, tenant, ADMIN, "GET", "/tenant/webhooks/" + id, Map.of("webhookId", id),
                null).status());
    }

    @Test
    void aUrlOnThePlatformsOwnNetworkOrAnUnknownEventTypeIsRefusedAtRegistration() {
        WebhooksHandler webhooks = new WebhooksHandler(wiring);
        for (String url : new String[] {"http://hooks.example.com/", "https://internal.example.com/",
                "https://169.254.169.254/latest/meta-data/", "https://user:pw@hooks.example.com/", "https://127.0.0.1/"}) {
            ApiGatewayRequests.Answer refused = call(webhooks, "acme", ADMIN, "POST", "/tenant/webhooks", Map.of(), "{\"url\":\"" + url + "\"}");
            assertEquals(400, refused.status(), url);
            assertEquals("url", refused.body().get("errors").get(0).get("field").asText(), url);
        }
        ApiGatewayRequests.Answer badType = call(webhooks, "acme", ADMIN, "POST", "/tenant/webhooks", Map.of(),
                "{\"url\":\"https://hooks.example.com/\",\"eventTypes\":[\"call.busy\",\"call.exploded\"]}");
        assertEquals(Set.of("eventTypes[1]"), Set.copyOf(badType.body().get("errors").findValuesAsText("field")));
        ApiGatewayRequests.Answer unknown = call(webhooks, "acme", ADMIN, "POST", "/tenant/webhooks", Map.of(),
                "{\"url\":\"https://hooks.example.com/\",\"colour\":1}");
        assertEquals(Set.of("colour"), Set.copyOf(unknown.body().get("errors").findValuesAsText("field")));
    }

    @Test
    void deliveriesArePagedWithTheirAttemptsAndAnEndedOneIsSentAgain() throws IOException {
        WebhooksHandler webhooks = new WebhooksHandler(wiring);
        WebhookDeliveriesHandler deliveries = new WebhookDeliveriesHandler(wiring);
        String tenant = "t-" + UUID.randomUUID();
        String id = call(webhooks, tenant, ADMIN, "POST", "/tenant/webhooks", Map.of(),
                "{\"url\":\"https://hooks.example.com/outcall\"}").body().get("webhookId").asText();
        Instant now = Instant.now();
        for (String status : new String[] {"QUEUED", "BUSY"}) {
            DeliveryMessage message = new DeliveryMessage("chain-" + status, tenant, id, "01M8T5N5JXY7RTPQB29453ZCD7." + status,
                    "call." + status.toLowerCase(), "01M8T5N5JXY7RTPQB29453ZCD7", status.equals("BUSY") ? 4 : 0, "{\"type\":\"x\"}", 0, now,
                    false, false);
            wiring.deliveries().claim(message, now);
            wiring.deliveries().recordAttempt(message, new DeliveryAttempt(now, 500, 12, "HTTP 500"),
                    status.equals("BUSY") ? DeliveryState.FAILED : DeliveryState.PENDING, null);
        }
        String path = "/tenant/webhooks/" + id + "/deliveries";

        ApiGatewayRequests.Answer first = call(deliveries, tenant, ADMIN, "GET", path, Map.of("webhookId", id), Map.of("limit", "1"), null);
        assertEquals(1, first.body().get("deliveries").size());
        ApiGatewayRequests.Answer second = call(deliveries, tenant, ADMIN, "GET", path, Map.of("webhookId", id),
                Map.of("limit", "1", "cursor", first.body().get("nextCursor").asText()), null);
        assertEquals("01M8T5N5JXY7RTPQB29453ZCD7.QUEUED", second.body().get("deliveries").get(0).get("deliveryId").asText());
        assertEquals(400, call(deliveries, tenant, ADMIN, "GET", path, Map.of("webhookId", id), Map.of("limit", "0"),
                null).status());
        ApiGatewayRequests.Answer page = call(deliveries, tenant, ADMIN, "GET", path, Map.of("webhookId", id), null);
        assertEquals(2, page.body().get("deliveries").size());
        JsonNode busy = page.body().get("deliveries").get(0);
        assertEquals("01M8T5N5JXY7RTPQB29453ZCD7.QUEUED", page.body().get("deliveries").get(1).get("deliveryId").asText());
        assertEquals("01M8T5N5JXY7RTPQB29453ZCD7.BUSY", busy.get("deliveryId").asText(), "newest first");
        assertEquals(500, busy.get("attempts").get(0).get("statusCode").asInt());

        ApiGatewayRequests.Answer retried = call(deliveries, tenant, ADMIN, "POST", path + "/01M8T5N5JXY7RTPQB29453ZCD7.BUSY/retry",
                Map.of("webhookId", id, "deliveryId", "01M8T5N5JXY7RTPQB29453ZCD7.BUSY"), null);
        assertEquals(202, retried.status());
        var queued = aws.sqs().receiveMessage(b -> b.queueUrl(aws.queueUrl("WebhookQueue")).maxNumberOfMessages(10))
                .messages();
        DeliveryMessage resend = new DeliveryMessageCodec(JSON).decode(queued.get(0).body());
        assertEquals("01M8T5N5JXY7RTPQB29453ZCD7.BUSY", resend.eventId());
        assertTrue(resend.resend());
        assertEquals(409, call(deliveries, tenant, ADMIN, "POST", path + "/01M8T5N5JXY7RTPQB29453ZCD7.BUSY/retry",
                Map.of("webhookId", id, "deliveryId", "01M8T5N5JXY7RTPQB29453ZCD7.BUSY"), null).status(), "it is being attempted again");
        assertEquals(404, call(deliveries, tenant, ADMIN, "POST", path + "/01M8T5N5JXY7RTPQB29453ZCD8.BUSY/retry",
                Map.of("webhookId", id, "deliveryId", "01M8T5N5JXY7RTPQB29453ZCD8.BUSY"), null).status());
        assertEquals(404, call(deliveries, "other-tenant", ADMIN, "GET", path, Map.of("webhookId", id), null).status());
    }
}
