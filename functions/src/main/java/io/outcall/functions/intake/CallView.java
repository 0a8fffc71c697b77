package io.outcall.functions.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.call.Call;
import io.outcall.core.json.JsonWritable;

import java.io.IOException;
import java.util.Map;

/**
 * A call as intake answers it: what was accepted and what the platform chose. Absent (null)
 * members are left out of the document.
 */
public record CallView(String callId, String status, String to, String from, String context, String transferNumber,
                       int ringTimeoutSeconds, Map<String, String> variables, String createdAt, String journeyId,
                       String notBefore, String scheduledReason)
        implements JsonWritable {

    /** A call dialed as soon as accepted. */
    public CallView(String callId, String status, String to, String from, String context, String transferNumber,
                    int ringTimeoutSeconds, Map<String, String> variables, String createdAt, String journeyId) {
        this(callId, status, to, from, context, transferNumber, ringTimeoutSeconds, variables, createdAt, journeyId,
                null, null);
    }

    public static CallView of(Call call) {
        return new CallView(call.callId(), call.status().name(), call.to(), call.from(), call.context(),
                call.transferNumber(), call.ringTimeoutSeconds(), call.variables(), call.createdAt().toString(),
                call.journey() == null ? null : call.journey().journeyId(),
                call.notBefore() == null ? null : call.notBefore().toString(),
                call.scheduledReason() == null ? null : call.scheduledReason().json());
    }

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeStartObject();
        writeIfPresent(out, "callId", callId);
        writeIfPresent(out, "status", status);
        writeIfPresent(out, "to", to);
        writeIfPresent(out, "from", from);
        writeIfPresent(out, "context", context);
        writeIfPresent(out, "transferNumber", transferNumber);
        out.writeNumberField("ringTimeoutSeconds", ringTimeoutSeconds);
        if (variables != null) {
            out.writeObjectFieldStart("variables");
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                out.writeStringField(variable.getKey(), variable.getValue());
            }
            out.writeEndObject();
        }
        writeIfPresent(out, "createdAt", createdAt);
        writeIfPresent(out, "journeyId", journeyId);
        writeIfPresent(out, "notBefore", notBefore);
        writeIfPresent(out, "scheduledReason", scheduledReason);
        out.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }
}
