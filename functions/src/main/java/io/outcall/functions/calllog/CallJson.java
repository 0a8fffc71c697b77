package io.outcall.functions.calllog;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.events.AmdOutcomeJson;
import io.outcall.core.events.AttemptsJson;
import io.outcall.core.events.RecordingJson;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.calllog.CallLog;
import io.outcall.core.calllog.CallLookup;
import io.outcall.core.json.JsonWritable;
import io.outcall.core.webhooks.Delivery;
import io.outcall.functions.events.WebhookJson;
import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.StatsBucket;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the read side writes calls, timelines and statistics. Absent values are left out, never
 * written as null, so a client can tell "not yet" from "zero".
 */
final class CallJson {

    private CallJson() {
    }

    static JsonWritable page(CallLog.Page page) {
        return out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("calls");
            for (Call call : page.calls()) {
                out.writeStartObject();
                summaryFields(out, call);
                out.writeEndObject();
            }
            out.writeEndArray();
            if (page.nextCursor() != null) {
                out.writeStringField("nextCursor", page.nextCursor());
            }
            out.writeEndObject();
        };
    }

    static JsonWritable call(Call call) {
        return out -> {
            out.writeStartObject();
            summaryFields(out, call);
            out.writeEndObject();
        };
    }

    static JsonWritable detail(CallLookup.CallDetail detail, boolean withEvents) {
        return detail(detail, withEvents, null);
    }

    /** @param deliveries the call's webhook deliveries, or null where the function does not read them */
    static JsonWritable detail(CallLookup.CallDetail detail, boolean withEvents, List<Delivery> deliveries) {
        return out -> {
            Call call = detail.call();
            out.writeStartObject();
            summaryFields(out, call);
            string(out, "context", call.context());
            string(out, "transferNumber", call.transferNumber());
            string(out, "callerIdReason", call.callerIdReason());
            string(out, "failureReason", call.failureReason());
            time(out, "dialedAt", call.dialedAt());
            time(out, "ringingAt", call.ringingAt());
            if (call.journey() != null) {
                out.writeObjectFieldStart("journey");
                string(out, "journeyId", call.journey().journeyId());
                string(out, "executionId", call.journey().executionId());
                string(out, "stepId", call.journey().stepId());
                out.writeEndObject();
            }
            if (withEvents) {
                out.writeArrayFieldStart("events");
                for (CallEvent event : detail.events()) {
                    out.writeStartObject();
                    out.writeNumberField("seq", event.seq());
                    out.writeStringField("name", event.name());
                    time(out, "at", event.receivedAt());
                    string(out, "channel", event.channel());
                    out.writeObjectFieldStart("fields");
                    for (Map.Entry<String, String> field : new java.util.TreeMap<>(event.fields()).entrySet()) {
                        out.writeStringField(field.getKey(), field.getValue());
                    }
                    out.writeEndObject();
                    out.writeEndObject();
                }
                out.writeEndArray();
            }
            if (deliveries != null) {
                out.writeArrayFieldStart("webhookDeliveries");
                for (Delivery delivery : deliveries) {
                    WebhookJson.delivery(out, delivery);
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        };
    }

    static JsonWritable stats(CallStats.Report report) {
        return out -> {
            out.writeStartObject();
            time(out, "from", report.query().from());
            time(out, "to", report.query().to());
            out.writeStringField("interval", report.query().interval().wireName());
            out.writeObjectFieldStart("total");
            figures(out, report.total());
            out.writeEndObject();
            out.writeArrayFieldStart("buckets");
            for (StatsBucket bucket : report.buckets()) {
                out.writeStartObject();
                time(out, "start", bucket.start());
                figures(out, bucket);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        };
    }

    /** The members of a call-log item: who, what became of it, when, how long. */
    static void summaryFields(JsonGenerator out, Call call) throws IOException {
        out.writeStringField("callId", call.callId());
        string(out, "to", call.to());
        string(out, "from", call.from());
        out.writeStringField("status", call.status().name());
        string(out, "disposition", call.disposition() == null ? null : call.disposition().name());
        if (call.hangupCause() != null) {
            out.writeObjectFieldStart("cause");
            out.writeNumberField("code", call.hangupCause().code());
            string(out, "text", call.hangupCause().text() == null || call.hangupCause().text().isEmpty()
                    ? null : call.hangupCause().text());
            out.writeEndObject();
        }
        time(out, "createdAt", call.createdAt());
        time(out, "notBefore", call.notBefore());
        string(out, "scheduledReason", call.scheduledReason() == null ? null : call.scheduledReason().json());
        time(out, "answeredAt", call.answeredAt());
        time(out, "endedAt", call.endedAt());
        time(out, "cancelRequestedAt", call.cancelRequestedAt());
        if (call.ringSeconds() != null) {
            out.writeNumberField("ringSeconds", call.ringSeconds());
        }
        if (call.talkSeconds() != null) {
            out.writeNumberField("talkSeconds", call.talkSeconds());
        }
        AmdOutcomeJson.write(out, call);
        RecordingJson.write(out, call);
        string(out, "prompt", call.prompt());
        AttemptsJson.write(out, call);
    }

    private static void figures(JsonGenerator out, StatsBucket bucket) throws IOException {
        out.writeNumberField("calls", bucket.calls());
        out.writeObjectFieldStart("byStatus");
        for (var entry : bucket.byStatus().entrySet()) {
            out.writeNumberField(entry.getKey().name(), entry.getValue());
        }
        out.writeEndObject();
        out.writeObjectFieldStart("byDisposition");
        for (var entry : bucket.byDisposition().entrySet()) {
            out.writeNumberField(entry.getKey().name(), entry.getValue());
        }
        out.writeEndObject();
        out.writeNumberField("answered", bucket.answered());
        number(out, "answerRate", bucket.answerRate());
        number(out, "averageRingSeconds", bucket.averageRingSeconds());
        if (bucket.p90RingSeconds() != null) {
            out.writeNumberField("p90RingSeconds", bucket.p90RingSeconds());
        }
        number(out, "averageTalkSeconds", bucket.averageTalkSeconds());
        if (bucket.attempts().any()) {
            // Dials beside calls: a call dialed three times is one call and three attempts.
            out.writeNumberField("attempts", bucket.attempts().total());
            out.writeObjectFieldStart("attemptsByDisposition");
            for (var entry : bucket.attempts().byDisposition().entrySet()) {
                out.writeNumberField(entry.getKey().name(), entry.getValue());
            }
            out.writeEndObject();
        }
        if (bucket.amd().any()) {
            out.writeObjectFieldStart("byAnsweredBy");
            for (var entry : bucket.amd().byAnsweredBy().entrySet()) {
                out.writeNumberField(entry.getKey().json(), entry.getValue());
            }
            out.writeEndObject();
            out.writeNumberField("voicemailsLeft", bucket.amd().voicemailsLeft());
            number(out, "averageAmdMillis", bucket.amd().averageMillis());
        }
    }

    private static void number(JsonGenerator out, String name, Double value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, Math.round(value * 1000) / 1000.0);
        }
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
