package io.outcall.functions.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.dynamo.DynamoDeliveryStore;
import io.outcall.core.json.Json;
import io.outcall.core.call.CallStatus;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.EndpointAddressGuard;
import io.outcall.core.webhooks.JdkWebhookTransport;
import io.outcall.core.webhooks.RetrySchedule;
import io.outcall.core.webhooks.WebhookSender;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Invoked by the webhook queue with up to 10 deliveries. They are attempted side by side, a
 * virtual thread per endpoint and call, every attempt bounded by 10 s: a slow endpoint costs its
 * own deliveries that long and no other's. A message that could not be handled (the store or the queue failed) is
 * reported in {@code batchItemFailures} and comes back after the visibility timeout; an endpoint's
 * own failure is not an error here, its retry is already queued with its delay.
 */
public final class WebhookSenderHandler implements RequestStreamHandler {

    private final WebhookSender sender;
    private final DeliveryMessageCodec codec;
    private final Json json;
    private final Consumer<String> log;

    public WebhookSenderHandler() {
        this(EventsWiring.fromEnvironment(System.getenv()), System.out::println);
    }

    private WebhookSenderHandler(EventsWiring wiring, Consumer<String> log) {
        this(new WebhookSender(wiring.endpoints(),
                new DynamoDeliveryStore(wiring.dynamoDb(), EventsWiring.required(wiring.env(), "WEBHOOK_DELIVERIES_TABLE")),
                wiring.queue(), new JdkWebhookTransport(), EndpointAddressGuard.system(policy(wiring.env())),
                new RetrySchedule(new java.util.SplittableRandom()), Clock.systemUTC()), wiring.json(), log);
    }

    public WebhookSenderHandler(WebhookSender sender, Json json, Consumer<String> log) {
        this.sender = sender;
        this.codec = new DeliveryMessageCodec(json);
        this.json = json;
        this.log = log;
    }

    private record Received(String messageId, DeliveryMessage message) {
    }

    /**
     * The batch in lanes, one per endpoint and call, each in status order: lanes run side by side,
     * so a slow endpoint holds up only its own lane, and within a lane a call's statuses go out
     * in the order they happened (the sender then refuses any that a later one overtook).
     */
    private Map<String, List<Received>> lanes(JsonNode records) {
        Map<String, List<Received>> lanes = new LinkedHashMap<>();
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText();
            DeliveryMessage message;
            try {
                message = codec.decode(record.path("body").asText());
            } catch (IllegalArgumentException unreadable) {
                log.accept("webhook delivery message " + messageId + " is unreadable; after 5 receives it goes to the"
                        + " dead-letter queue: " + unreadable.getMessage());
                lanes.computeIfAbsent("unreadable#" + messageId, k -> new ArrayList<>()).add(new Received(messageId, null));
                continue;
            }
            lanes.computeIfAbsent(message.endpointId() + "#" + message.callId(), k -> new ArrayList<>())
                    .add(new Received(messageId, message));
        }
        // An AMD event (unordered) goes where it happens: after the answer, before the end.
        lanes.values().forEach(lane -> lane.sort(Comparator.comparingInt(r -> r.message() == null ? 0
                : r.message().statusRank() == DeliveryMessage.UNORDERED ? CallStatus.ANSWERED.rank()
                : r.message().statusRank())));
        return lanes;
    }

    /** @return the ids of the messages that could not be handled */
    private List<String> sendInOrder(List<Received> lane) {
        List<String> failed = new ArrayList<>();
        for (Received received : lane) {
            if (received.message() == null) {
                failed.add(received.messageId());
                continue;
            }
            try {
                sender.send(received.message());
            } catch (RuntimeException e) {
                log.accept("webhook delivery message " + received.messageId() + " failed; it comes back: " + e);
                failed.add(received.messageId());
            }
        }
        return failed;
    }

    /** WEBHOOK_ALLOW_HTTP=true (local runs only) lets http and loopback receivers through. */
    static EndpointAddressGuard.Policy policy(Map<String, String> env) {
        boolean local = "true".equalsIgnoreCase(env.get("WEBHOOK_ALLOW_HTTP"));
        return new EndpointAddressGuard.Policy(local, local);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        List<String> failed = new ArrayList<>();
        try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<List<String>>> running = new LinkedHashMap<>();
            lanes(json.read(event).path("Records")).forEach((lane, messages) ->
                    running.put(lane, lanes.submit(() -> sendInOrder(messages))));
            for (Map.Entry<String, Future<List<String>>> lane : running.entrySet()) {
                try {
                    failed.addAll(lane.getValue().get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("lane " + lane.getKey() + " failed outside any delivery", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while deliveries were attempted", e);
                }
            }
        }
        json.write(out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("batchItemFailures");
            for (String id : failed) {
                out.writeStartObject();
                out.writeStringField("itemIdentifier", id);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }, output);
    }
}
