package io.outcall.bridge;

import io.outcall.bridge.originate.OriginateActions;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.retry.RetryOutcome;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.schedule.DueCall;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.core.window.CallingWindow;
import io.outcall.core.window.LocalHours;
import io.outcall.core.window.OutsideWindow;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where retries meet calling windows, through a running bridge, the PBX simulator over TCP (a number
 * ending in 2 is busy), DynamoDB Local and ElasticMQ, the bridge's clock injected. An attempt ends at
 * the time of its AMI events (the simulator's, now), so the tenant's window is drawn around now in New
 * York: from the hour before to two hours after, every day. A retry 4 hours after the end falls after
 * the close and is SCHEDULED for the next day's opening, and dialed there (the bridge's clock moved
 * to it); attempt 2 queued there whose message waits past the close goes back to SCHEDULED on attempt
 * 2, undialed; a retry 60 s after the end is inside and keeps end + delay. The test plays the scheduler.
 */
class CallingWindowRetryTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final int LATE_DELAY_SECONDS = 4 * 3600;

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static DynamoScheduledCalls scheduled;
    private static final CallId ids = CallId.systemGenerator();

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        scheduled = new DynamoScheduledCalls(harness.local.dynamoDb(), "CallsTable", SweepSettings.DEFAULT_SHARDS);
    }

    @AfterAll
    static void stop() {
        pbx.close();
        harness.close();
    }

    @Test
    void aRetryWhoseWindowClosedIsScheduledAtTheNextOpeningAndDialedThere() throws Exception {
        Instant now = Instant.now();
        ZonedDateTime local = now.atZone(NEW_YORK);
        int from = Math.max(0, local.getHour() - 1);
        Instant nextOpening = local.toLocalDate().plusDays(1).atTime(from, 0).atZone(NEW_YORK).toInstant();
        MovableClock clock = new MovableClock(now);
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-retry-window"),
                clock, scheduled)) {
            Call call = queueWithWindow("tenant-retry-window", "+12125550122", LATE_DELAY_SECONDS, local);

            Call waiting = awaitScheduledForAttempt2(call);
            CallAttempt first = waiting.attempts().getFirst();
            assertEquals(CallStatus.BUSY, first.status());
            assertTrue(first.endedAt().plusSeconds(LATE_DELAY_SECONDS).isBefore(nextOpening),
                    "end + delay falls after today's close: " + first.endedAt());
            assertEquals(nextOpening, waiting.notBefore(), "the window's next opening, tomorrow at " + from + ":00");
            assertEquals(ScheduledReason.RETRY, waiting.scheduledReason());

            clock.advance(Duration.between(now, nextOpening));
            dueAtItsTime(waiting, local);
            Call done = harness.awaitFinal(call.callId());

            assertEquals(CallStatus.BUSY, done.status());
            assertEquals(List.of(1, 2), done.attempts().stream().map(CallAttempt::attempt).toList());
            assertEquals(1, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), 2)),
                    "attempt 2 dialed once, the bridge's clock at the opening");
            assertEquals(0L, bridge.metrics().windowReschedules.sum(), "never outside the window at the dial");
        }
    }

    @Test
    void aLaterAttemptThatWaitedPastTheCloseGoesBackToScheduledOnItsAttemptUndialed() throws Exception {
        Instant now = Instant.now();
        ZonedDateTime local = now.atZone(NEW_YORK);
        int from = Math.max(0, local.getHour() - 1);
        Instant nextOpening = local.toLocalDate().plusDays(1).atTime(from, 0).atZone(NEW_YORK).toInstant();
        Instant openingAfter = local.toLocalDate().plusDays(2).atTime(from, 0).atZone(NEW_YORK).toInstant();
        MovableClock clock = new MovableClock(now);
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-retry-window-late"),
                clock, scheduled)) {
            Call call = queueWithWindow("tenant-retry-window-late", "+12125550142", LATE_DELAY_SECONDS, local);
            Call waiting = awaitScheduledForAttempt2(call);
            assertEquals(nextOpening, waiting.notBefore());

            // Attempt 2 is queued at the opening, but its message waits (a backlog) until after the close.
            Call queued = scheduled.enqueue(new DueCall(waiting.callId(), waiting.tenantId(), waiting.notBefore()),
                    waiting.notBefore()).orElseThrow();
            clock.advance(Duration.between(now, nextOpening.plus(Duration.ofHours(4))));
            harness.queue.send(OriginateMessage.of(queued, null, around(local)));
            Call movedBack = harness.await(call.callId(), c -> c.status() == CallStatus.SCHEDULED
                    && c.scheduledReason() == ScheduledReason.CALLING_WINDOW || c.status().isFinal(), "SCHEDULED again");

            assertEquals(CallStatus.SCHEDULED, movedBack.status(), "moved back, not ended: " + movedBack);
            assertEquals(2, movedBack.attempt(), "still attempt 2");
            assertEquals(openingAfter, movedBack.notBefore(), "the opening after");
            BridgeHarness.awaitCount(() -> bridge.metrics().windowReschedules.sum(), 1, "counted, its message deleted");
            assertEquals(0, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), 2)),
                    "attempt 2 never dialed late");

            clock.advance(Duration.between(nextOpening.plus(Duration.ofHours(4)), openingAfter));
            dueAtItsTime(movedBack, local);
            assertEquals(CallStatus.BUSY, harness.awaitFinal(call.callId()).status());
            assertEquals(1, pbx.originateLedger().acceptedFor(OriginateActions.channelId(call.callId(), 2)));
        }
    }

    @Test
    void aRetryWhoseDelayEndsInsideTheWindowKeepsIt() throws Exception {
        Instant now = Instant.now();
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-retry-in-window"),
                new MovableClock(now), scheduled)) {
            Call call = queueWithWindow("tenant-retry-in-window", "+12125550132", RetryPolicy.MIN_DELAY_SECONDS,
                    now.atZone(NEW_YORK));

            Call waiting = awaitScheduledForAttempt2(call);

            assertEquals(waiting.attempts().getFirst().endedAt().plusSeconds(RetryPolicy.MIN_DELAY_SECONDS),
                    waiting.notBefore(), "open then: not moved");
            assertEquals(ScheduledReason.RETRY, waiting.scheduledReason());
        }
    }

    /** 08:00-style hours every day around {@code local}: from the hour before it to two hours after. */
    private static CallingWindow around(ZonedDateTime local) {
        String from = String.format("%02d:00", Math.max(0, local.getHour() - 1));
        String to = String.format("%02d:00", Math.min(24, local.getHour() + 2));
        Map<DayOfWeek, List<LocalHours>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(LocalHours.of(from, to)));
        }
        return new CallingWindow(OutsideWindow.SCHEDULE, hours);
    }

    /** Records a QUEUED call retried once on BUSY and queues it with the tenant's window, as intake does. */
    private static Call queueWithWindow(String tenant, String to, int delaySeconds, ZonedDateTime local) {
        Call call = Call.queued(ids.next(), tenant, to, "+14045550100", "did-main", "Acme", "+14045550199",
                "DynamicIVR", Map.of(), 5, Instant.now(), null, null)
                .withRetry(new RetryPolicy(EnumSet.of(RetryOutcome.BUSY), 2, delaySeconds));
        harness.calls.create(call);
        OriginateMessage message = OriginateMessage.of(call, null, around(local));
        assertEquals(5, message.schemaVersion());
        harness.queue.send(message);
        return call;
    }

    private static Call awaitScheduledForAttempt2(Call call) {
        Call waiting = harness.await(call.callId(), c -> c.status() == CallStatus.SCHEDULED && c.attempt() == 2
                || c.status().isFinal(), "SCHEDULED for attempt 2");
        assertEquals(CallStatus.SCHEDULED, waiting.status(), "retried, not ended: " + waiting);
        return waiting;
    }

    /** What the due-call scheduler does at the call's notBefore: queue it, the tenant's window in the message. */
    private static void dueAtItsTime(Call waiting, ZonedDateTime local) {
        Call queued = scheduled.enqueue(new DueCall(waiting.callId(), waiting.tenantId(), waiting.notBefore()),
                waiting.notBefore()).orElseThrow();
        harness.queue.send(OriginateMessage.of(queued, null, around(local)));
    }
}
