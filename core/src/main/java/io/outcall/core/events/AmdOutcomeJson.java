package io.outcall.core.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;

import java.io.IOException;

/**
 * The AMD fields of a call as every reader sees them (call log, journey status, webhooks,
 * EventBridge, the Step Functions output): nothing for a call without AMD; for one with it,
 * {@code voicemailLeft} always and the result once the dialplan reported it.
 */
public final class AmdOutcomeJson {

    private AmdOutcomeJson() {
    }

    public static void write(JsonGenerator out, Call call) throws IOException {
        AmdOutcome amd = call.amdOutcome();
        if (call.amd() == null && amd == null) {
            return;
        }
        if (amd != null && amd.status() != null) {
            if (amd.answeredBy() != null) {
                out.writeStringField("answeredBy", amd.answeredBy().json());
            }
            out.writeStringField("amdStatus", amd.status());
            out.writeStringField("amdCause", amd.cause() == null ? "" : amd.cause());
            if (amd.millis() != null) {
                out.writeNumberField("amdMillis", amd.millis());
            }
        }
        out.writeBooleanField("voicemailLeft", amd != null && amd.voicemailLeft());
        if (amd != null && amd.voicemailLeftAt() != null) {
            out.writeStringField("voicemailLeftAt", amd.voicemailLeftAt().toString());
        }
    }
}
