package io.outcall.core.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.call.Call;
import io.outcall.core.json.JsonWritable;

import java.io.IOException;
import java.time.Instant;

/**
 * The document every consumer receives: {@code {"type", "id", "timestamp", "data"}}, where data is
 * the call's log item as {@code GET /calls/{callId}} shows it. EventBridge's detail carries the
 * tenant beside it, since rules route on it; a webhook needs none (the endpoint is the tenant's).
 */
public final class CallEventJson {

    private CallEventJson() {
    }

    public static JsonWritable webhookBody(CallStatusEvent event) {
        return out -> {
            out.writeStartObject();
            envelope(out, event);
            out.writeEndObject();
        };
    }

    public static JsonWritable eventBridgeDetail(CallStatusEvent event) {
        return out -> {
            out.writeStartObject();
            envelope(out, event);
            out.writeStringField("tenantId", event.tenantId());
            out.writeEndObject();
        };
    }

    /** The call's log item alone: what a journey's SendTaskSuccess hands the state machine. */
    public static JsonWritable callItem(Call call) {
        return out -> data(out, call);
    }

    private static void envelope(JsonGenerator out, CallStatusEvent event) throws IOException {
        out.writeStringField("type", event.type());
        out.writeStringField("id", event.id());
        out.writeStringField("timestamp", event.occurredAt().toString());
        out.writeFieldName("data");
        data(out, event.call());
    }

    private static void data(JsonGenerator out, Call call) throws IOException {
        out.writeStartObject();
        out.writeStringField("callId", call.callId());
        string(out, "to", call.to());
        string(out, "from", call.from());
        out.writeStringField("status", call.status().name());
        out.writeBooleanField("final", call.status().isFinal());
        string(out, "disposition", call.disposition() == null ? null : call.disposition().name());
        if (call.hangupCause() != null) {
            out.writeObjectFieldStart("cause");
            out.writeNumberField("code", call.hangupCause().code());
            string(out, "text", call.hangupCause().text());
            out.writeEndObject();
        }
        string(out, "context", call.context());
        string(out, "transferNumber", call.transferNumber());
        string(out, "failureReason", call.failureReason());
        string(out, "notBefore", call.notBefore() == null ? null : call.notBefore().toString());
        string(out, "scheduledReason", call.scheduledReason() == null ? null : call.scheduledReason().json());
        for (var time : new Object[][] {{"createdAt", call.createdAt()}, {"dialedAt", call.dialedAt()},
                {"ringingAt", call.ringingAt()}, {"answeredAt", call.answeredAt()}, {"endedAt", call.endedAt()}}) {
            if (time[1] != null) {
                out.writeStringField((String) time[0], ((Instant) time[1]).toString());
            }
        }
        if (call.ringSeconds() != null) {
            out.writeNumberField("ringSeconds", call.ringSeconds());
        }
        if (call.talkSeconds() != null) {
            out.writeNumberField("talkSeconds", call.talkSeconds());
        }
        AmdOutcomeJson.write(out, call);
        RecordingJson.write(out, call);
        AttemptsJson.write(out, call);
        if (call.notBefore() != null) {
            out.writeStringField("notBefore", call.notBefore().toString());
        }
        string(out, "scheduledReason", call.scheduledReason() == null ? null : call.scheduledReason().json());
        if (!call.variables().isEmpty()) {
            out.writeObjectFieldStart("variables");
            for (var variable : new java.util.TreeMap<>(call.variables()).entrySet()) {
                out.writeStringField(variable.getKey(), variable.getValue());
            }
            out.writeEndObject();
        }
        if (call.journey() != null) {
            out.writeObjectFieldStart("journey");
            string(out, "journeyId", call.journey().journeyId());
            string(out, "executionId", call.journey().executionId());
            string(out, "stepId", call.journey().stepId());
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void string(JsonGenerator out, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            out.writeStringField(name, value);
        }
    }
}
