package io.outcall.functions.http;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;

/**
 * The facts of one request that its log line carries, filled in as the handler learns them (the
 * tenant once the claim or input is read, the call once it is known). Confined to one request.
 */
public final class LoggedRequest {

    private final String route;
    private final String requestId;
    private String tenantId;
    private String callId;
    private int status = 200;
    private String error;

    LoggedRequest(String route, String requestId) {
        this.route = route;
        this.requestId = requestId;
    }

    public void tenant(String tenantId) {
        this.tenantId = tenantId;
    }

    public void call(String callId) {
        this.callId = callId;
    }

    public void status(int status) {
        this.status = status;
    }

    void failed(int status, Throwable cause) {
        this.status = status;
        this.error = cause.getClass().getSimpleName();
    }

    void writeTo(JsonGenerator out, Instant at, long latencyMillis) throws IOException {
        out.writeStartObject();
        out.writeStringField("timestamp", at.toString());
        out.writeStringField("level", status >= 500 ? "ERROR" : "INFO");
        out.writeStringField("message", "request");
        out.writeStringField("route", route);
        writeIfPresent(out, "requestId", requestId);
        writeIfPresent(out, "tenantId", tenantId);
        writeIfPresent(out, "callId", callId);
        out.writeNumberField("status", status);
        out.writeNumberField("latencyMs", latencyMillis);
        writeIfPresent(out, "error", error);
        out.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator out, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            out.writeStringField(name, value);
        }
    }
}
