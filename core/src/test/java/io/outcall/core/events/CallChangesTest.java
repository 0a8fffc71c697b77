package io.outcall.core.events;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallChangesTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant RECORDED = Instant.parse("2026-12-01T10:09:00Z");

    static Call queued() {
        return Call.queued("01CALL", "acme", "+14045550123", "+14045550100", "did-1", null, "+14045550199",
                "DynamicIVR", Map.of("ORDER", "A-17"), 30, T0, null, null);
    }

    static Call at(Call call, CallStatus status) {
        Instant dialed = status.rank() >= 1 ? T0.plusSeconds(1) : null;
        Instant ringing = status.rank() >= 2 ? T0.plusSeconds(2) : null;
        Instant answered = status.rank() >= 3 && status != CallStatus.BUSY ? T0.plusSeconds(5) : null;
        Instant ended = status.isFinal() ? T0.plusSeconds(20) : null;
        Disposition disposition = !status.isFinal() ? null
                : status == CallStatus.BUSY ? Disposition.BUSY : Disposition.ANSWERED;
        HangupCause cause = !status.isFinal() ? null
                : status == CallStatus.BUSY ? new HangupCause(17, "User busy") : new HangupCause(16, "Normal Clearing");
        return identity(call).status(status).disposition(disposition).hangupCause(cause).createdAt(T0)
                .dialedAt(dialed).ringingAt(ringing).answeredAt(answered).endedAt(ended).version(call.version() + 1)
                .build();
    }

    /** {@code call} after one more write that leaves it {@code status}, still waiting for the same notBefore. */
    static Call written(Call call, CallStatus status) {
        return identity(call).status(status).createdAt(call.createdAt()).version(call.version() + 1)
                .notBefore(call.notBefore()).scheduledReason(call.scheduledReason()).attempt(call.attempt())
                .attempts(call.attempts()).build();
    }

    /** A new call with only {@code call}'s identity, number, context and variables (ring timeout 30). */
    private static Call.Builder identity(Call call) {
        return new Call.Builder().callId(call.callId()).tenantId(call.tenantId()).to(call.to()).from(call.from())
                .didId(call.didId()).transferNumber(call.transferNumber()).context(call.context())
                .variables(call.variables()).ringTimeoutSeconds(30);
    }

    @Test
    void aCallEnteringScheduledIsOneScheduledEventAndItsQueueingLaterAQueuedOneAtThatTime() {
        Instant notBefore = T0.plusSeconds(3_600);
        Call scheduled = queued().scheduledAt(notBefore, ScheduledReason.REQUESTED);

        List<CallStatusEvent> created = CallChanges.between(null, scheduled, RECORDED);
        assertEquals(List.of("01CALL.SCHEDULED"), ids(created));
        assertEquals("call.scheduled", created.get(0).type());
        assertEquals(T0, created.get(0).occurredAt());
        String json = Json.standard().write(CallEventJson.webhookBody(created.get(0)));
        assertTrue(json.contains("\"notBefore\":\"" + notBefore + "\"") && json.contains("\"scheduledReason\":\"requested\""),
                json);

        Call queuedLater = identity(scheduled).status(CallStatus.QUEUED).createdAt(T0).version(2).notBefore(notBefore)
                .scheduledReason(ScheduledReason.REQUESTED).build();
        List<CallStatusEvent> taken = CallChanges.between(scheduled, queuedLater, RECORDED);
        assertEquals(List.of("01CALL.QUEUED"), ids(taken));
        assertEquals(RECORDED, taken.get(0).occurredAt(), "when the scheduler took it, not when it was created");
        assertEquals(List.of("01CALL.CANCELED"), ids(CallChanges.between(scheduled, queuedLater.canceledWhileQueued(RECORDED),
                RECORDED)), "canceled while waiting: no queued event it never had");
    }

    @Test
    void aQueuedCallMovedBackToScheduledIsAScheduledEventAndANewTimeAnother() {
        Call queued = queued();
        Call waiting = queued.scheduledAt(T0.plusSeconds(600), ScheduledReason.CALLING_WINDOW);

        assertEquals(List.of("01CALL.SCHEDULED.W" + T0.plusSeconds(600).getEpochSecond()),
                ids(CallChanges.between(queued, waiting, RECORDED)));
        assertEquals(List.of(), ids(CallChanges.between(waiting, waiting, RECORDED)), "a replay: nothing new");
        assertEquals(1, CallChanges.between(waiting, queued.scheduledAt(T0.plusSeconds(900), ScheduledReason.RETRY),
                RECORDED).size());
    }

    @Test
    void aCallItsWindowMovesBackHasEventsOfItsOwnForEachOpeningInTheOrderOfItsWrites() {
        Instant firstOpening = T0.plusSeconds(3_600);
        Instant secondOpening = T0.plusSeconds(90_000);
        Call waiting = queued().scheduledAt(firstOpening, ScheduledReason.CALLING_WINDOW);
        Call taken = written(waiting, CallStatus.QUEUED);
        Call movedBack = written(taken, CallStatus.QUEUED).scheduledAt(secondOpening, ScheduledReason.CALLING_WINDOW);
        Call takenAgain = written(movedBack, CallStatus.QUEUED);

        List<CallStatusEvent> events = new ArrayList<>(CallChanges.between(null, waiting, RECORDED));
        events.addAll(CallChanges.between(waiting, taken, RECORDED));
        events.addAll(CallChanges.between(taken, movedBack, RECORDED));
        events.addAll(CallChanges.between(movedBack, takenAgain, RECORDED));

        assertEquals(List.of("01CALL.SCHEDULED.W" + firstOpening.getEpochSecond(),
                "01CALL.QUEUED.W" + firstOpening.getEpochSecond(), "01CALL.SCHEDULED.W" + secondOpening.getEpochSecond(),
                "01CALL.QUEUED.W" + secondOpening.getEpochSecond()), ids(events), "no id repeats another");
        List<Integer> orders = events.stream().map(CallStatusEvent::order).toList();
        assertEquals(orders.stream().distinct().sorted().toList(), orders,
                "each above the one before, so the webhook sender takes none for a late event: " + orders);
        assertTrue(orders.get(0) >= 0, "SCHEDULED is ordered, not DeliveryMessage.UNORDERED (-1): " + orders);
    }

    @Test
    void aRequestedTimeKeepsThePlainIdsAndAnAmdEventStaysOutsideTheOrder() {
        Call scheduled = queued().scheduledAt(T0.plusSeconds(600), ScheduledReason.REQUESTED);
        assertEquals(List.of("01CALL.SCHEDULED"), ids(CallChanges.between(null, scheduled, RECORDED)));
        Call answered = at(queued(), CallStatus.ANSWERED);
        CallStatusEvent machine = CallChanges.between(answered, answered.withAmdOutcome(new AmdOutcome("MACHINE",
                "LONGGREETING-1500-1500", T0.plusSeconds(7), 2181, null)), RECORDED).get(0);
        assertEquals(-1, machine.order());
    }

    @Test
    void aMachineDetectedThenAMessageLeftAreTwoEventsThatAReplayDoesNotRepeat() {
        Call answered = at(queued(), CallStatus.ANSWERED);
        Call machine = answered.withAmdOutcome(new AmdOutcome("MACHINE", "LONGGREETING-1500-1500",
                T0.plusSeconds(7), 2181, null));
        Call messageLeft = answered.withAmdOutcome(new AmdOutcome("MACHINE", "LONGGREETING-1500-1500",
                T0.plusSeconds(7), 2181, T0.plusSeconds(15)));

        List<CallStatusEvent> detected = CallChanges.between(answered, machine, RECORDED);
        assertEquals(List.of("01CALL.MACHINE_DETECTED"), ids(detected));
        assertEquals("call.machine_detected", detected.get(0).type());
        assertEquals(T0.plusSeconds(7), detected.get(0).occurredAt());
        assertFalse(detected.get(0).isStatusChange());
        assertEquals(List.of("01CALL.VOICEMAIL_LEFT"), ids(CallChanges.between(machine, messageLeft, RECORDED)));
        assertEquals(List.of(), CallChanges.between(messageLeft, messageLeft, RECORDED), "nothing new, no event");
    }

    @Test
    void oneWriteWithTheResultAndTheEndGivesTheResultBeforeTheEnd() {
        Call answered = at(queued(), CallStatus.ANSWERED);
        Call completed = at(queued(), CallStatus.COMPLETED).withAmdOutcome(new AmdOutcome("HUMAN", "HUMAN-800-800",
                T0.plusSeconds(7), 1900, null));
        assertEquals(List.of("01CALL.HUMAN_DETECTED", "01CALL.COMPLETED"),
                ids(CallChanges.between(answered, completed, RECORDED)));
    }

    @Test
    void notSureAndAHangUpDuringAnalysisHaveNoEventOfTheirOwn() {
        Call answered = at(queued(), CallStatus.ANSWERED);
        for (String status : List.of("NOTSURE", "HANGUP")) {
            Call after = answered.withAmdOutcome(new AmdOutcome(status, "", T0.plusSeconds(7), 1500, null));
            assertEquals(List.of(), CallChanges.between(answered, after, RECORDED), status);
        }
    }

    @Test
    void aNewCallIsQueuedAtItsCreation() {
        List<CallStatusEvent> events = CallChanges.between(null, queued(), RECORDED);
        assertEquals(1, events.size());
        assertEquals("01CALL.QUEUED", events.get(0).id());
        assertEquals("call.queued", events.get(0).type());
        assertEquals(T0, events.get(0).occurredAt());
    }

    @Test
    void eachForwardStepIsOneEventAtTheCallsOwnTime() {
        Call dialing = at(queued(), CallStatus.DIALING);
        Call ringing = at(queued(), CallStatus.RINGING);
        assertEquals(List.of("01CALL.DIALING"), ids(CallChanges.between(queued(), dialing, RECORDED)));
        List<CallStatusEvent> toRinging = CallChanges.between(dialing, ringing, RECORDED);
        assertEquals(List.of("01CALL.RINGING"), ids(toRinging));
        assertEquals(T0.plusSeconds(2), toRinging.get(0).occurredAt());
    }

    @Test
    void aWriteThatChangesNoStatusOrGoesBackHoldsNoEvent() {
        Call ringing = at(queued(), CallStatus.RINGING);
        assertEquals(List.of(), CallChanges.between(ringing, ringing, RECORDED));
        assertEquals(List.of(), CallChanges.between(ringing, at(queued(), CallStatus.DIALING), RECORDED));
        Call busy = at(queued(), CallStatus.BUSY);
        assertEquals(List.of(), CallChanges.between(busy, at(queued(), CallStatus.COMPLETED), RECORDED));
        assertEquals(List.of(), CallChanges.between(busy, null, RECORDED));
    }

    @Test
    void aJumpYieldsTheSkippedStatusesItHasTimesForInOrder() {
        Call completed = at(queued(), CallStatus.COMPLETED);
        assertEquals(List.of("01CALL.DIALING", "01CALL.RINGING", "01CALL.ANSWERED", "01CALL.COMPLETED"),
                ids(CallChanges.between(queued(), completed, RECORDED)));
        Call busy = at(queued(), CallStatus.BUSY);
        assertEquals(List.of("01CALL.BUSY"), ids(CallChanges.between(at(queued(), CallStatus.RINGING), busy, RECORDED)));
    }

    @Test
    void theBodyIsTypeIdTimestampAndTheCallItem() throws Exception {
        CallStatusEvent busy = CallChanges.between(at(queued(), CallStatus.RINGING), at(queued(), CallStatus.BUSY),
                RECORDED).get(0);
        var body = Json.standard().read(Json.standard().write(CallEventJson.webhookBody(busy)));
        assertEquals("call.busy", body.get("type").asText());
        assertEquals("01CALL.BUSY", body.get("id").asText());
        assertEquals("2026-12-01T10:00:20Z", body.get("timestamp").asText());
        assertEquals("BUSY", body.get("data").get("status").asText());
        assertEquals(17, body.get("data").get("cause").get("code").asInt());
        assertTrue(body.get("data").get("final").asBoolean());
        assertEquals("A-17", body.get("data").get("variables").get("ORDER").asText());
        var detail = Json.standard().read(Json.standard().write(CallEventJson.eventBridgeDetail(busy)));
        assertEquals("acme", detail.get("tenantId").asText());
    }

    private static List<String> ids(List<CallStatusEvent> events) {
        return events.stream().map(CallStatusEvent::id).toList();
    }
}
