package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.queue.OriginateMessage;
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
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge checks the calling window its message carries (version 5) just before claiming, on
 * DynamoDB Local, ElasticMQ and the PBX simulator over TCP, its clock injected at Sunday 8 March
 * 2026 21:30 in New York (01:30Z on the 9th) and 15:30 in Honolulu, for a window of 08:00-21:00 every
 * day: the New York call goes back to SCHEDULED for 08:00 EDT and the simulator never sees it; the
 * Honolulu call, queued beside it, is dialed. A bridge that cannot reschedule ends the call FAILED
 * (OUTSIDE_CALLING_WINDOW), never dialed.
 */
class CallingWindowBridgeTest {

    private static final Instant NOW = Instant.parse("2026-03-09T01:30:00Z");
    private static final Instant NEW_YORK_OPENS = Instant.parse("2026-03-09T12:00:00Z");
    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static DynamoScheduledCalls scheduled;

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

    private static CallingWindow daily() {
        Map<DayOfWeek, List<LocalHours>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(LocalHours.of("08:00", "21:00")));
        }
        return new CallingWindow(OutsideWindow.SCHEDULE, hours);
    }

    /** Recorded QUEUED and queued in a version 5 message carrying the window, as intake does. */
    private static Call queueWithWindow(String to) {
        Call call = harness.record(to, "DynamicIVR", 30);
        OriginateMessage message = OriginateMessage.of(call, null, daily());
        assertEquals(5, message.schemaVersion());
        harness.queue.send(message);
        return call;
    }

    @Test
    void aCallWhoseWindowClosedWhileQueuedIsScheduledAgainAndNeverDialed() throws Exception {
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-window"),
                new MovableClock(NOW), scheduled)) {
            Call newYork = queueWithWindow("+12125550121");
            Call honolulu = queueWithWindow("+18085550121");

            assertEquals(CallStatus.COMPLETED, harness.awaitFinal(honolulu.callId()).status(), "open in Honolulu: dialed");
            Call moved = harness.await(newYork.callId(), c -> c.status() == CallStatus.SCHEDULED, "SCHEDULED");
            assertEquals(NEW_YORK_OPENS, moved.notBefore());
            assertEquals(ScheduledReason.CALLING_WINDOW, moved.scheduledReason());
            assertEquals(0, pbx.originateLedger().acceptedFor(newYork.callId()), "never dialed");
            assertEquals(1, pbx.originateLedger().acceptedFor(honolulu.callId()));
            assertEquals(1L, bridge.metrics().windowReschedules.sum());
            BridgeHarness.awaitCount(() -> harness.messagesOn(harness.queueUrl) == 0 ? 1 : 0, 1, "its message deleted");

            // The scheduler finds it due at the opening, not before.
            int shard = CallId.shard(newYork.callId(), SweepSettings.DEFAULT_SHARDS);
            assertTrue(scheduled.dueBefore(shard, NEW_YORK_OPENS, 100).stream().map(DueCall::callId)
                    .noneMatch(newYork.callId()::equals));
            assertTrue(scheduled.dueBefore(shard, NEW_YORK_OPENS.plusSeconds(1), 100).stream().map(DueCall::callId)
                    .anyMatch(newYork.callId()::equals));
        }
    }

    @Test
    void aBridgeThatCannotRescheduleEndsTheCallFailedUndialed() throws Exception {
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-no-schedule"),
                new MovableClock(NOW), null)) {
            Call newYork = queueWithWindow("+12125550131");
            Call ended = harness.awaitFinal(newYork.callId());
            assertEquals(CallStatus.FAILED, ended.status());
            assertTrue(ended.failureReason().startsWith("OUTSIDE_CALLING_WINDOW: the callee's calling window is closed"
                    + " (it opens at 2026-03-09T12:00:00Z (Monday 08:00 in America/New_York))"), ended.failureReason());
            assertEquals(0, pbx.originateLedger().acceptedFor(newYork.callId()), "never dialed");
        }
    }
}
