package io.outcall.core.events;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ScheduledReason;

import java.time.Instant;
import java.util.Locale;

/**
 * One change of one call, as every consumer (webhooks, EventBridge, journeys) sees it: a status
 * change, an answering-machine event ({@link AmdEvent}), or the end of an attempt that is retried.
 * The id is the call id and the status (or the AMD event), so the at-least-once stream can repeat a
 * change and a consumer still acts on it once: the id is the deduplication key everywhere. A retried
 * call passes QUEUED, DIALING, RINGING, ... once per attempt: those of attempt n > 1 carry {@code .A<n>}
 * in their id, so they are not taken for attempt 1's repeats; its final status, reached once, does not.
 * Within one attempt, a calling window can move a call back to SCHEDULED and queue it again: the
 * SCHEDULED and QUEUED of a call waiting for its window carry {@code .W<epoch second of notBefore>},
 * which differs with each opening it waited for.
 *
 * @param type       {@code call.ringing}, ..., or an {@link AmdEvent}'s type
 * @param status     the status reached; for an AMD event, the call's status when it happened
 * @param occurredAt when the call reached {@code status} (the call's own timestamp for it)
 * @param call       the call as it stood in the stream record that carried the change
 */
public record CallStatusEvent(String id, String type, CallStatus status, Instant occurredAt, Call call) {

    /** The type of the event an attempt that is retried gives when it ends. */
    public static final String ATTEMPT_ENDED = "call.attempt_ended";
    /**
     * Orders of one write's events ({@link #order}): its version times this, plus the place in the
     * write (an attempt's end first, then statuses by rank, SCHEDULED's -1 at 0).
     */
    private static final int WRITE_SPAN = 8;
    private static final int ENDED_PLACE = 0;

    public static CallStatusEvent of(Call call, CallStatus status, Instant occurredAt) {
        String id = idOf(call.callId(), status);
        if (call.attempt() > 1 && !status.isFinal()) {
            id += ".A" + call.attempt();
        }
        if ((status == CallStatus.SCHEDULED || status == CallStatus.QUEUED)
                && call.scheduledReason() == ScheduledReason.CALLING_WINDOW && call.notBefore() != null) {
            id += ".W" + call.notBefore().getEpochSecond();
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
     * backwards: by the write that made it (the call's version rises with every write), then within
     * the write an attempt's end before statuses by rank. Not the rank alone: a calling window moves
     * a QUEUED call back to SCHEDULED, and a retry starts the statuses again, and neither may be taken
     * for a late event. Never negative for a status change or an attempt's end (SCHEDULED's rank is
     * -1, the same as {@code DeliveryMessage.UNORDERED}); -1: outside the order (AMD, recording).
     */
    public int order() {
        int place;
        if (isStatusChange()) {
            place = status.rank() - CallStatus.SCHEDULED.rank();
        } else if (type.equals(ATTEMPT_ENDED)) {
            place = ENDED_PLACE;
        } else {
            return -1;
        }
        return Math.toIntExact(WRITE_SPAN * call.version() + place);
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
