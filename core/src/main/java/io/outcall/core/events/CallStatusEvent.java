package io.outcall.core.events;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallStatus;

import java.time.Instant;
import java.util.Locale;

/**
 * One change of one call, as every consumer (webhooks, EventBridge, journeys) sees it: a status
 * change, an answering-machine event ({@link AmdEvent}), or the end of an attempt that is retried.
 * The id is the call id and the status (or the AMD event), so the at-least-once stream can repeat a
 * change and a consumer still acts on it once: the id is the deduplication key everywhere. A retried
 * call passes DIALING, RINGING, ... once per attempt: those of attempt n > 1 carry {@code .A<n>} in
 * their id, so they are not taken for attempt 1's repeats; its final status, reached once, does not.
 *
 * @param type       {@code call.ringing}, ..., or an {@link AmdEvent}'s type
 * @param status     the status reached; for an AMD event, the call's status when it happened
 * @param occurredAt when the call reached {@code status} (the call's own timestamp for it)
 * @param call       the call as it stood in the stream record that carried the change
 */
public record CallStatusEvent(String id, String type, CallStatus status, Instant occurredAt, Call call) {

    /** The type of the event an attempt that is retried gives when it ends. */
    public static final String ATTEMPT_ENDED = "call.attempt_ended";
    /** Orders of one attempt's events: its statuses by rank, then its end ({@link #order}). */
    private static final int ATTEMPT_SPAN = 10;
    private static final int ENDED_ORDER = 5;

    public static CallStatusEvent of(Call call, CallStatus status, Instant occurredAt) {
        String id = idOf(call.callId(), status);
        if (call.attempt() > 1 && !status.isFinal()) {
            id += ".A" + call.attempt();
        }
        return new CallStatusEvent(id, typeOf(status), status, occurredAt, call);
    }

    /**
     * Attempt {@code ended} of the call ended and is retried: the call, as it stands now, is SCHEDULED
     * for its next attempt (its {@code notBefore}), with the ended attempt last in its {@code attempts}.
     */
    public static CallStatusEvent attemptEnded(Call call, CallAttempt ended, Instant occurredAt) {
        return new CallStatusEvent(call.callId() + ".ATTEMPT_ENDED.A" + ended.attempt(), ATTEMPT_ENDED, call.status(),
                occurredAt, call);
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

    /**
     * Where the event stands among its call's events, for a consumer that must never see a call go
     * backwards: attempt by attempt, each attempt's statuses by rank, then its end (so attempt 2's
     * DIALING comes after attempt 1's RINGING and end). -1: outside the order (AMD, recording).
     */
    public int order() {
        if (isStatusChange()) {
            return ATTEMPT_SPAN * (call.attempt() - 1) + status.rank();
        }
        if (type.equals(ATTEMPT_ENDED)) {
            // The call already stands on the next attempt.
            return ATTEMPT_SPAN * (call.attempt() - 2) + ENDED_ORDER;
        }
        return -1;
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
