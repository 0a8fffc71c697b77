package io.outcall.functions.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.json.JsonWritable;
import io.outcall.core.webhooks.Delivery;
import io.outcall.core.webhooks.DeliveryAttempt;
import io.outcall.core.webhooks.WebhookEndpoint;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * How the webhook routes write endpoints and deliveries (and {@code GET /calls/{callId}} a call's
 * deliveries). A secret is written only where it is new.
 */
public final class WebhookJson {

    private WebhookJson() {
    }

    static JsonWritable endpoint(WebhookEndpoint endpoint, WebhookSecret newSecret) {
        return out -> {
            out.writeStartObject();
            endpointFields(out, endpoint);
            if (newSecret != null) {
                out.writeStringField("secret", newSecret.value());
            }
            out.writeEndObject();
        };
    }

    static JsonWritable endpoints(List<WebhookEndpoint> endpoints) {
        return out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("webhooks");
            for (WebhookEndpoint endpoint : endpoints) {
                out.writeStartObject();
                endpointFields(out, endpoint);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        };
    }

    static JsonWritable deliveries(List<Delivery> deliveries, String nextCursor) {
        return out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("deliveries");
            for (Delivery delivery : deliveries) {
                delivery(out, delivery);
            }
            out.writeEndArray();
            if (nextCursor != null) {
                out.writeStringField("nextCursor", nextCursor);
            }
            out.writeEndObject();
        };
    }

    public static void delivery(JsonGenerator out, Delivery d) throws IOException {
        out.writeStartObject();
        out.writeStringField("deliveryId", d.eventId());
        out.writeStringField("webhookId", d.endpointId());
        out.writeStringField("callId", d.callId());
        out.writeStringField("type", d.eventType());
        out.writeStringField("state", d.state().name());
        string(out, "reason", d.reason());
        time(out, "createdAt", d.createdAt());
        time(out, "nextAttemptAt", d.nextAttemptAt());
        out.writeArrayFieldStart("attempts");
        for (DeliveryAttempt a : d.attempts()) {
            out.writeStartObject();
            time(out, "at", a.at());
            if (a.statusCode() != 0) {
                out.writeNumberField("statusCode", a.statusCode());
            }
            out.writeNumberField("latencyMs", a.latencyMillis());
            string(out, "error", a.error());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void endpointFields(JsonGenerator out, WebhookEndpoint e) throws IOException {
        out.writeStringField("webhookId", e.endpointId());
        out.writeStringField("url", e.url().toString());
        out.writeArrayFieldStart("eventTypes");
        for (String type : new TreeSet<>(e.eventTypes())) {
            out.writeString(type);
        }
        out.writeEndArray();
        out.writeBooleanField("active", e.active());
        time(out, "createdAt", e.createdAt());
        time(out, "failingSince", e.failingSince());
        string(out, "disabledReason", e.disabledReason());
    }

    private static void string(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    private static void time(JsonGenerator out, String name, Instant value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value.toString());
        }
    }
}
