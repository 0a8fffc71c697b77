package io.outcall.core.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.retry.RetryPolicyJson;

import java.io.IOException;

/**
 * The retry fields of a call as every reader sees them: nothing for a call that has no policy and
 * was dialed once; otherwise {@code attempt} (the current or last dial, 1-based), {@code attempts}
 * (the dials that ended, oldest first) and {@code retry} (the policy in effect).
 */
public final class AttemptsJson {

    private AttemptsJson() {
    }

    public static void write(JsonGenerator out, Call call) throws IOException {
        if (call.retry() == null && call.attempt() == 1 && call.attempts().isEmpty()) {
            return;
        }
        out.writeNumberField("attempt", call.attempt());
        out.writeArrayFieldStart("attempts");
        for (CallAttempt attempt : call.attempts()) {
            attempt(out, attempt);
        }
        out.writeEndArray();
        RetryPolicyJson.write(out, call.retry());
    }

    /** One ended dial: {@code attempt}, {@code status}, {@code disposition}, {@code cause}, its times. */
    public static void attempt(JsonGenerator out, CallAttempt attempt) throws IOException {
        out.writeStartObject();
        out.writeNumberField("attempt", attempt.attempt());
        out.writeStringField("status", attempt.status().name());
        if (attempt.disposition() != null) {
            out.writeStringField("disposition", attempt.disposition().name());
        }
        if (attempt.cause() != null) {
            out.writeObjectFieldStart("cause");
            out.writeNumberField("code", attempt.cause().code());
            if (attempt.cause().text() != null && !attempt.cause().text().isEmpty()) {
                out.writeStringField("text", attempt.cause().text());
            }
            out.writeEndObject();
        }
        if (attempt.dialedAt() != null) {
            out.writeStringField("dialedAt", attempt.dialedAt().toString());
        }
        if (attempt.endedAt() != null) {
            out.writeStringField("endedAt", attempt.endedAt().toString());
        }
        if (attempt.ringSeconds() != null) {
            out.writeNumberField("ringSeconds", attempt.ringSeconds());
        }
        out.writeEndObject();
    }
}
