package io.outcall.core.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code _aws} member that makes a log line a CloudWatch Embedded Metric Format document:
 * CloudWatch Logs turns the named top-level counts into metrics of {@value #NAMESPACE} without an
 * SDK call (no dimensions: one function of each kind per stack).
 */
public final class EmbeddedMetrics {

    public static final String NAMESPACE = "Outcall";

    private EmbeddedMetrics() {
    }

    /** Writes {@code "_aws": {...}} into the object being written; the caller writes each count under its name. */
    public static void declare(JsonGenerator out, Instant at, List<String> counts) throws IOException {
        out.writeObjectFieldStart("_aws");
        out.writeNumberField("Timestamp", at.toEpochMilli());
        out.writeArrayFieldStart("CloudWatchMetrics");
        out.writeStartObject();
        out.writeStringField("Namespace", NAMESPACE);
        out.writeArrayFieldStart("Dimensions");
        out.writeStartArray();
        out.writeEndArray();
        out.writeEndArray();
        out.writeArrayFieldStart("Metrics");
        for (String metric : counts) {
            out.writeStartObject();
            out.writeStringField("Name", metric);
            out.writeStringField("Unit", "Count");
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
    }
}
