package io.outcall.core.events;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns one stream record (the call before and after a write) into the status changes it holds,
 * and the answering-machine events ({@link AmdEvent}) it added.
 * Status only moves forward, but for SCHEDULED (see {@link #scheduled}): a record whose status did
 * not rise (another field changed, or a replayed or late write) holds none. A write that jumped over statuses (the bridge can record
 * RINGING and ANSWERED in one write) yields the skipped ones whose time the call records, then
 * the new one, in order, so a subscriber never misses ANSWERED on a short call.
 * A retried call starts its statuses again with each attempt: a write that moved it to a later
 * attempt holds the end of the earlier one ({@link CallStatusEvent#ATTEMPT_ENDED}), and the new
 * attempt's statuses rise from SCHEDULED again; only the last attempt reaches a final status.
 */
public final class CallChanges {

    private static final List<CallStatus> LIFECYCLE =
            List.of(CallStatus.QUEUED, CallStatus.DIALING, CallStatus.RINGING, CallStatus.ANSWERED);

    private CallChanges() {
    }

    /**
     * @param before         the old image, null for a new call
     * @param after          the new image, null for a removal (which is no status change)
     * @param recordedAt     when the stream recorded the write: the time of a change the call has no timestamp for
     */
    public static List<CallStatusEvent> between(Call before, Call after, Instant recordedAt) {
        if (after == null) {
            return List.of();
        }
        List<CallStatusEvent> events = new ArrayList<>(attemptEnds(before, after, recordedAt));
        events.addAll(statusChanges(before, after, recordedAt));
        List<CallStatusEvent> amd = amdChanges(before, after, recordedAt);
        // AMD happens while the call is up: before its end when one write carries both.
        boolean endsHere = !events.isEmpty() && events.get(events.size() - 1).status().isFinal();
        events.addAll(endsHere ? events.size() - 1 : events.size(), amd);
        // The bridge stores a recording after the call's end, in a write of its own.
        if (after.recording() != null && (before == null || before.recording() == null)) {
            events.add(CallStatusEvent.recordingReady(after));
        }
        return List.copyOf(events);
    }

    /** What the dialplan's AMD reports added: the detection, then the message left. */
    private static List<CallStatusEvent> amdChanges(Call before, Call after, Instant recordedAt) {
        AmdOutcome was = before == null ? null : before.amdOutcome();
        AmdOutcome now = after.amdOutcome();
        if (now == null) {
            return List.of();
        }
        List<CallStatusEvent> events = new ArrayList<>(2);
        AmdEvent detected = AmdEvent.detected(now.answeredBy());
        if (detected != null && (was == null || was.answeredBy() != now.answeredBy())) {
            events.add(CallStatusEvent.amd(after, detected, now.detectedAt() == null ? recordedAt : now.detectedAt()));
        }
        if (now.voicemailLeft() && (was == null || !was.voicemailLeft())) {
            events.add(CallStatusEvent.amd(after, AmdEvent.VOICEMAIL_LEFT, now.voicemailLeftAt()));
        }
        return events;
    }

    /** The attempts a write to a later attempt ended (one, as the bridge writes them). */
    private static List<CallStatusEvent> attemptEnds(Call before, Call after, Instant recordedAt) {
        if (before == null || after.attempt() <= before.attempt()) {
            return List.of();
        }
        List<CallStatusEvent> events = new ArrayList<>(1);
        for (CallAttempt ended : after.attempts()) {
            if (ended.attempt() >= before.attempt() && ended.attempt() < after.attempt()) {
                events.add(CallStatusEvent.attemptEnded(after, ended, ended.endedAt() == null ? recordedAt : ended.endedAt()));
            }
        }
        return events;
    }

    private static List<CallStatusEvent> statusChanges(Call before, Call after, Instant recordedAt) {
        if (after.status() == CallStatus.SCHEDULED) {
            // A retry's move to SCHEDULED is told by the attempt's end (attemptEnds), not by a status event.
            return before != null && after.attempt() > before.attempt() ? List.of() : scheduled(before, after, recordedAt);
        }
        // A later attempt's statuses rise again from where a retried call waits between attempts.
        int fromRank = before == null || after.attempt() > before.attempt() ? CallStatus.SCHEDULED.rank()
                : before.status().rank();
        if (after.status().rank() <= fromRank) {
            return List.of();
        }
        List<CallStatusEvent> events = new ArrayList<>();
        for (CallStatus skipped : LIFECYCLE) {
            Instant at = timeOf(after, skipped);
            if (skipped.rank() > fromRank && skipped.rank() < after.status().rank() && at != null) {
                events.add(CallStatusEvent.of(after, skipped, at));
            }
        }
        Instant at = timeOf(after, after.status());
        events.add(CallStatusEvent.of(after, after.status(), at == null ? recordedAt : at));
        return events;
    }

    /**
     * A call entering SCHEDULED, new or moved back by its calling window, is the one change that lowers
     * the rank; so is its new notBefore while it waits.
     */
    private static List<CallStatusEvent> scheduled(Call before, Call after, Instant recordedAt) {
        if (before != null && before.status() == CallStatus.SCHEDULED
                && Objects.equals(before.notBefore(), after.notBefore())) {
            return List.of();
        }
        Instant at = before == null && after.createdAt() != null ? after.createdAt() : recordedAt;
        return List.of(CallStatusEvent.of(after, CallStatus.SCHEDULED, at));
    }

    private static Instant timeOf(Call call, CallStatus status) {
        return switch (status) {
            // A scheduled call, and a later attempt, were queued when the scheduler took them, which the
            // call does not record.
            case QUEUED -> call.notBefore() == null && call.attempt() == 1 ? call.createdAt() : null;
            case DIALING -> call.dialedAt();
            case RINGING -> call.ringingAt();
            case ANSWERED -> call.answeredAt();
            default -> call.endedAt();
        };
    }
}
