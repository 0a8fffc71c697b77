package io.outcall.core.events;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;

import java.time.Instant;
import java.util.Locale;

/**
 * One change of one call, as every consumer (webhooks, EventBridge, journeys) sees it: a status
 * change, or an answering-machine event ({@link AmdEvent}). The id is the call id and the status
 * (or the AMD event), so the at-least-once stream can repeat a change and a consumer still acts on
 * it once: the id is the deduplication key everywhere.
 *
 * @param type       {@code call.ringing}, ..., or an {@link AmdEvent}'s type
 * @param status     the status reached; for an AMD event, the call's status when it happened
 * @param occurredAt when the call reached {@code status} (the call's own timestamp for it)
 * @param call       the call as it stood in the stream record that carried the change
 */
public record CallStatusEvent(String id, String type, CallStatus status, Instant occurredAt, Call call) {

    public static CallStatusEvent of(Call call, CallStatus status, Instant occurredAt) {
        return new CallStatusEvent(idOf(call.callId(), status), typeOf(status), status, occurredAt, call);
    }

    /** The type of the event a call's stored recording gives; like AMD's, outside the status order. */
    public static final String RECORDING_READY = "call.recording_ready";

    /** The call's recording is in the bucket (the bridge wrote {@code recording}). */
    public static CallStatusEvent recordingReady(Call call) {
        return new CallStatusEvent(call.callId() + ".RECORDING_READY", RECORDING_READY, call.status(),
                call.recording().storedAt(), call);
    }

    public static CallStatusEvent amd(Call call, AmdEvent event, Instant occurredAt) {
        return new CallStatusEvent(call.callId() + "." + event.name(), event.type(), call.status(), occurredAt, call);
    }

    /** False for an AMD event: it does not take part in the status order. */
    public boolean isStatusChange() {
        return type.equals(typeOf(status));
    }

    public static String idOf(String callId, CallStatus status) {
        return callId + "." + status.name();
    }

    public static String typeOf(CallStatus status) {
        return "call." + status.name().toLowerCase(Locale.ROOT);
    }

    public String tenantId() {
        return call.tenantId();
    }

    public String callId() {
        return call.callId();
    }
}
