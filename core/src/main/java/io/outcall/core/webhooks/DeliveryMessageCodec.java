package io.outcall.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.json.Json;

import java.io.IOException;
import java.time.Instant;

/** The webhook queue's message as JSON, with a schema version so a later format can be told apart. */
public final class DeliveryMessageCodec {

    private final Json json;

    public DeliveryMessageCodec(Json json) {
        this.json = json;
    }

    public String encode(DeliveryMessage m) {
        return json.write(out -> {
            out.writeStartObject();
            out.writeNumberField("v", DeliveryMessage.SCHEMA_VERSION);
            out.writeStringField("chainId", m.chainId());
            out.writeStringField("tenantId", m.tenantId());
            out.writeStringField("endpointId", m.endpointId());
            out.writeStringField("eventId", m.eventId());
            out.writeStringField("eventType", m.eventType());
            out.writeStringField("callId", m.callId());
            out.writeNumberField("statusRank", m.statusRank());
            out.writeStringField("body", m.body());
            out.writeNumberField("attempts", m.attempts());
            out.writeStringField("firstQueuedAt", m.firstQueuedAt().toString());
            if (m.resend()) {
                out.writeBooleanField("resend", true);
            }
            if (m.held()) {
                out.writeBooleanField("held", true);
            }
            out.writeEndObject();
        });
    }

    /** @throws IllegalArgumentException naming the version or field that is wrong */
    public DeliveryMessage decode(String text) {
        JsonNode node;
        try {
            node = json.read(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("a webhook delivery message is not JSON", e);
        }
        if (node.path("v").asInt() != DeliveryMessage.SCHEMA_VERSION) {
            throw new IllegalArgumentException("webhook delivery message version " + node.path("v")
                    + " is not " + DeliveryMessage.SCHEMA_VERSION);
        }
        try {
            return new DeliveryMessage(text(node, "chainId"), text(node, "tenantId"), text(node, "endpointId"),
                    text(node, "eventId"), text(node, "eventType"), text(node, "callId"), node.path("statusRank").asInt(),
                    text(node, "body"), node.path("attempts").asInt(), Instant.parse(text(node, "firstQueuedAt")),
                    node.path("resend").asBoolean(false), node.path("held").asBoolean(false));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("firstQueuedAt of a webhook delivery message is not an instant", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("a webhook delivery message lacks the text field " + field);
        }
        return value.asText();
    }
}
