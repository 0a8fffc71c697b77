package io.outcall.core.publish;

import io.outcall.core.call.Call;
import io.outcall.core.events.CallChanges;
import io.outcall.core.events.CallEventJson;
import io.outcall.core.events.CallStatusEvent;
import io.outcall.core.events.EventBus;
import io.outcall.core.events.JourneyWaits;
import io.outcall.core.json.Json;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.WebhookEndpoint;
import io.outcall.core.webhooks.WebhookEndpointStore;
import io.outcall.core.webhooks.WebhookQueue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pushes the status changes of a batch of stream records out three ways: one webhook delivery
 * per interested endpoint, the event bus, and the journey step waiting on a final call. Records
 * are handled in stream order; at the first failure the rest is left for the stream to retry from
 * that record (Lambda's partial batch response), which is safe because every consumer dedupes on
 * the event id: the sender by its delivery item, EventBridge rules by the id, Step Functions by
 * refusing a used token.
 */
public final class CallEventPublisher {

    private final WebhookEndpointStore endpoints;
    private final WebhookQueue webhooks;
    private final Optional<EventBus> bus;
    private final JourneyWaits journeys;
    private final Json json;
    private final Clock clock;
    private final Supplier<String> chainIds;
    private final Consumer<String> log;

    public CallEventPublisher(WebhookEndpointStore endpoints, WebhookQueue webhooks, Optional<EventBus> bus,
                              JourneyWaits journeys, Json json, Clock clock, Consumer<String> log) {
        this(endpoints, webhooks, bus, journeys, json, clock, () -> UUID.randomUUID().toString(), log);
    }

    CallEventPublisher(WebhookEndpointStore endpoints, WebhookQueue webhooks, Optional<EventBus> bus,
                       JourneyWaits journeys, Json json, Clock clock, Supplier<String> chainIds, Consumer<String> log) {
        this.endpoints = endpoints;
        this.webhooks = webhooks;
        this.bus = bus;
        this.journeys = journeys;
        this.json = json;
        this.clock = clock;
        this.chainIds = chainIds;
        this.log = log;
    }

    /** @return the sequence number of the first record that failed (it and all after it are retried), or empty */
    public Optional<String> publish(List<StreamChange> records) {
        Map<String, List<WebhookEndpoint>> endpointsByTenant = new HashMap<>();
        for (StreamChange record : records) {
            try {
                publish(record, endpointsByTenant);
            } catch (RuntimeException e) {
                log.accept("publishing stream record " + record.sequenceNumber() + " failed; it is retried: " + e);
                return Optional.of(record.sequenceNumber());
            }
        }
        return Optional.empty();
    }

    private void publish(StreamChange record, Map<String, List<WebhookEndpoint>> endpointsByTenant) {
        List<CallStatusEvent> events = CallChanges.between(record.before(), record.after(), record.recordedAt());
        if (events.isEmpty()) {
            return;
        }
        Call call = record.after();
        List<WebhookEndpoint> tenantEndpoints = endpointsByTenant.computeIfAbsent(call.tenantId(), endpoints::list);
        List<DeliveryMessage> deliveries = new ArrayList<>();
        for (CallStatusEvent event : events) {
            String body = json.write(CallEventJson.webhookBody(event));
            for (WebhookEndpoint endpoint : tenantEndpoints) {
                if (endpoint.wants(event.type())) {
                    deliveries.add(new DeliveryMessage(chainIds.get(), call.tenantId(), endpoint.endpointId(),
                            event.id(), event.type(), call.callId(),
                            event.order() < 0 ? DeliveryMessage.UNORDERED : event.order(), body, 0,
                            clock.instant(), false, false));
                }
            }
        }
        if (!deliveries.isEmpty()) {
            webhooks.send(deliveries);
        }
        bus.ifPresent(b -> b.put(events));
        boolean ended = events.stream().anyMatch(e -> e.isStatusChange() && e.status().isFinal());
        String token = call.journey() == null ? null : call.journey().taskToken();
        if (ended && token != null) {
            JourneyWaits.Result result = journeys.resume(token, json.write(CallEventJson.callItem(call)));
            if (result == JourneyWaits.Result.TOKEN_GONE) {
                log.accept("call " + call.callId() + " ended " + call.status()
                        + " but its journey step no longer waits (token expired or used); dropped");
            }
        }
    }
}
