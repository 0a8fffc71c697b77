package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.events.WebhookVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The smoke test's webhook receiver: a tenant's endpoint on this machine (./run-local lets plain
 * http to loopback through), which takes every delivery as it comes and checks afterwards that each
 * was signed with the secret the registration showed once, came once, and that the call's statuses
 * arrived in order up to its end.
 */
final class SmokeWebhook implements AutoCloseable {

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
    private static final List<String> ORDER = List.of("call.queued", "call.dialing", "call.ringing", "call.answered",
            "call.completed");

    private record Delivery(String id, String timestamp, String signature, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Queue<Delivery> received = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    SmokeWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            try (exchange) {
                var headers = exchange.getRequestHeaders();
                received.add(new Delivery(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"),
                        new String(exchange.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Waits for the call's final delivery, then checks every delivery of the call; returns the types in order. */
    List<String> deliveriesOf(String callId, String secret) throws Exception {
        Instant deadline = Instant.now().plus(DELIVERED_WITHIN);
        while (types(callId).stream().noneMatch("call.completed"::equals) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        verifyEach(secret);
        List<String> types = types(callId);
        SmokeTest.check(!types.isEmpty() && types.getLast().equals("call.completed"),
                "the call's webhook deliveries end with call.completed within " + DELIVERED_WITHIN.toSeconds() + " s: " + types);
        List<String> inOrder = new ArrayList<>(types);
        inOrder.sort((a, b) -> Integer.compare(ORDER.indexOf(a), ORDER.indexOf(b)));
        SmokeTest.check(inOrder.equals(types) && types.contains("call.queued") && types.contains("call.answered"),
                "the call's statuses arrive in order, queued to completed: " + types);
        return types;
    }

    /**
     * Waits until the call's deliveries include each of {@code wanted} (events outside the status order,
     * such as answering-machine detection's), checks every delivery so far, and returns the call's types.
     */
    List<String> awaitTypes(String callId, List<String> wanted, String secret) throws Exception {
        Instant deadline = Instant.now().plus(DELIVERED_WITHIN);
        while (!types(callId).containsAll(wanted) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        verifyEach(secret);
        List<String> types = types(callId);
        SmokeTest.check(types.containsAll(wanted), "the call's webhook deliveries include " + wanted + " within "
                + DELIVERED_WITHIN.toSeconds() + " s: " + types);
        return types;
    }

    /** Every delivery so far was signed with the endpoint's secret, and came once. */
    private void verifyEach(String secret) {
        WebhookVerifier verifier = new WebhookVerifier(WebhookSecret.parse(secret), Clock.systemUTC());
        Set<String> ids = new HashSet<>();
        for (Delivery delivery : received) {
            verifier.verify(delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body());
            SmokeTest.check(ids.add(delivery.id()), "each event is delivered once, but " + delivery.id() + " came twice");
        }
    }

    private List<String> types(String callId) throws IOException {
        List<String> types = new ArrayList<>();
        for (Delivery delivery : received) {
            JsonNode event = json.readTree(delivery.body());
            if (callId.equals(event.path("data").path("callId").asText())) {
                types.add(event.path("type").asText());
            }
        }
        return types;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
