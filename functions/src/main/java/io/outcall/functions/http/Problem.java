package io.outcall.functions.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.json.JsonWritable;
import io.outcall.core.validation.Violation;

import java.io.IOException;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists field-level problems (a JSON-pointer-like
 * dotted field and what to do about it); {@code callId} names a call the failure concerns.
 * Absent (null) members are left out of the document.
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      List<Violation> errors, String callId) implements JsonWritable {

    static final String TYPE_BASE = "https://outcall.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null);
    }

    public Problem withErrors(List<Violation> errors) {
        return new Problem(type, title, status, detail, instance, errors, callId);
    }

    public Problem withCallId(String callId) {
        return new Problem(type, title, status, detail, instance, errors, callId);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors, callId);
    }

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeStartObject();
        writeIfPresent(out, "type", type);
        writeIfPresent(out, "title", title);
        out.writeNumberField("status", status);
        writeIfPresent(out, "detail", detail);
        writeIfPresent(out, "instance", instance);
        if (errors != null) {
            out.writeArrayFieldStart("errors");
            for (Violation violation : errors) {
                out.writeStartObject();
                out.writeStringField("field", violation.field());
                out.writeStringField("message", violation.message());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        writeIfPresent(out, "callId", callId);
        out.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }
}
