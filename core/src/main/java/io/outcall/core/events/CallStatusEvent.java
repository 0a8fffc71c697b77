package io.outcall.core.events;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;

import java.time.Instant;
import java.util.Locale;

/**
 * One status change of one call, as every consumer (webhooks, EventBridge, journeys) sees it.
 * The id is the call id and the status, so the at-least-once stream can repeat a change and a
 * consumer still acts on it once: the id is the deduplication key everywhere.
 *
 * @param occurredAt when the call reached {@code status} (the call's own timestamp for it)
 * @param call       the call as it stood in the stream record that carried the change
 */
public record CallStatusEvent(String id, CallStatus status, Instant occurredAt, Call call) {

    public static CallStatusEvent of(Call call, CallStatus status, Instant occurredAt) {
        return new CallStatusEvent(idOf(call.callId(), status), status, occurredAt, call);
    }

    public static String idOf(String callId, CallStatus status) {
        return callId + "." + status.name();
    }

    /** The event type a subscriber names: {@code call.ringing}, {@code call.no_answer}, ... */
    public String type() {
        return typeOf(status);
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
