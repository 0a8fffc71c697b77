package io.outcall.bridge.store;

import io.outcall.bridge.ForwardingCallStore;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call writer over DynamoDB Local: a backlog of one call's steps becomes one write of the
 * furthest; a call's events are written together, before the status they led to.
 */
class DynamoCallSinkTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static LocalServices local;

    @BeforeAll
    static void start() {
        local = LocalServices.startInMemory();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void aBackloggedCallIsWrittenOnceAtItsFurthestStepWithEverythingItsStepsSaid() throws Exception {
        DynamoCallStore store = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
        CallId ids = CallId.systemGenerator();
        String blocker = ids.next();
        String callId = ids.next();
        for (String id : List.of(blocker, callId)) {
            store.create(Call.queued(id, "acme", "+14045550101", "+14045550100", "did-main", null, null, "Hold",
                    Map.of(), 30, T0, null, null));
            store.claim(id, "acme", "bridge-1", "action-" + id, T0);
        }
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        RecordingStore recording = new RecordingStore(store, blocker, writerBusy, open);
        BridgeMetrics metrics = new BridgeMetrics();
        try (DynamoCallSink sink = new DynamoCallSink(recording, new DynamoCallEventStore(local.dynamoDb(), "CallEventsTable"),
                metrics, 1)) {
            sink.progress(CallProgress.status(blocker, "acme", CallStatus.RINGING, T0.plusSeconds(1), null, "Local/b;1"));
            assertTrue(writerBusy.await(30, TimeUnit.SECONDS), "the writer is held on the first write");
            Instant ringing = T0.plusSeconds(1);
            Instant answered = T0.plusSeconds(4);
            sink.progress(CallProgress.status(callId, "acme", CallStatus.RINGING, ringing, null, "Local/c;1"));
            sink.progress(CallProgress.status(callId, "acme", CallStatus.ANSWERED, ringing, answered, "Local/c;1"));
            sink.progress(new CallProgress(callId, "acme", CallStatus.COMPLETED, Disposition.ANSWERED,
                    new HangupCause(16, "Normal Clearing"), null, ringing, answered, T0.plusSeconds(34), 3, 30, "Local/c;1"));
            open.countDown();
        }

        assertEquals(List.of(CallStatus.COMPLETED), recording.written(callId), "one write, the final one");
        assertEquals(2, metrics.statusWritesCoalesced.sum());
        Call stored = store.find(callId).orElseThrow();
        assertEquals(CallStatus.COMPLETED, stored.status());
        assertEquals(T0.plusSeconds(1), stored.ringingAt());
        assertEquals(T0.plusSeconds(4), stored.answeredAt());
        assertEquals(30, stored.talkSeconds());
    }

    @Test
    void theEventsOfACallWhoseTimelineExpiresCarryItsExpiry() {
        DynamoCallStore store = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
        DynamoCallEventStore events = new DynamoCallEventStore(local.dynamoDb(), "CallEventsTable");
        String expiring = CallId.systemGenerator().next();
        String kept = CallId.systemGenerator().next();
        Instant expiry = T0.plus(Duration.ofDays(7));
        try (DynamoCallSink sink = new DynamoCallSink(store, events, new BridgeMetrics(), 2, Duration.ofMillis(10))) {
            sink.timelineExpires(expiring, expiry);
            sink.timelineExpires(kept, null);
            sink.event(event(expiring, 1, "Newchannel"));
            sink.event(event(kept, 1, "Newchannel"));
        }

        assertEquals(String.valueOf(expiry.getEpochSecond()), eventItems(expiring).getFirst().get("expiresAt").n());
        assertEquals(null, eventItems(kept).getFirst().get("expiresAt"));
    }

    private static List<Map<String, AttributeValue>> eventItems(String callId) {
        return local.dynamoDb().query(b -> b.tableName("CallEventsTable").keyConditionExpression("callId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(callId))).consistentRead(true)).items();
    }

    @Test
    void aCallsEventsAreWrittenTogetherBeforeTheStatusTheyLedToAndTheRestAtTheStop() {
        DynamoCallStore store = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
        DynamoCallEventStore events = new DynamoCallEventStore(local.dynamoDb(), "CallEventsTable");
        String callId = CallId.systemGenerator().next();
        store.create(Call.queued(callId, "acme", "+14045550101", "+14045550100", "did-main", null, null, "Hold",
                Map.of(), 30, T0, null, null));
        store.claim(callId, "acme", "bridge-1", "action-" + callId, T0);
        List<List<CallEvent>> timelineAtEachStatus = new CopyOnWriteArrayList<>();
        CallStore watching = new ForwardingCallStore(store) {
            @Override
            public boolean advance(CallProgress progress) {
                timelineAtEachStatus.add(events.timeline(progress.callId()));
                return store.advance(progress);
            }
        };
        List<CallEvent> beforeRinging = List.of(event(callId, 1, "Newchannel"), event(callId, 2, "DialBegin"),
                event(callId, 3, "Newstate"));
        List<CallEvent> afterRinging = List.of(event(callId, 4, "UserEvent:HoldStarted"));
        // A long delay: only the status and the stop decide when the events are written.
        try (DynamoCallSink sink = new DynamoCallSink(watching, events, new BridgeMetrics(), 2, Duration.ofMinutes(5))) {
            beforeRinging.forEach(sink::event);
            sink.progress(CallProgress.status(callId, "acme", CallStatus.RINGING, T0.plusSeconds(1), null, "Local/c;1"));
            afterRinging.forEach(sink::event);
        }

        assertEquals(1, timelineAtEachStatus.size());
        // Events handed over with the status in one batch may go along with the ones before it.
        assertEquals(beforeRinging, timelineAtEachStatus.getFirst().subList(0, 3),
                "the events that led to RINGING were stored before it");
        List<CallEvent> all = new ArrayList<>(beforeRinging);
        all.addAll(afterRinging);
        assertEquals(all, events.timeline(callId), "the event after it was written at the stop at the latest");
        int items = local.dynamoDb().query(b -> b.tableName("CallEventsTable").keyConditionExpression("callId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(callId)))).count();
        assertTrue(items <= 2, "four events in at most two items (the status and the stop cut them), not " + items);
    }

    private static CallEvent event(String callId, long seq, String name) {
        return new CallEvent(callId, seq, name, T0.plusMillis(seq), "Local/c;1", Map.of("Seq", Long.toString(seq)));
    }

    /** The real store; records which statuses were written per call and holds one call's write until opened. */
    private static final class RecordingStore extends ForwardingCallStore {
        private final String heldCallId;
        private final CountDownLatch busy;
        private final CountDownLatch open;
        private final List<String> writes = new CopyOnWriteArrayList<>();

        RecordingStore(CallStore store, String heldCallId, CountDownLatch busy, CountDownLatch open) {
            super(store);
            this.heldCallId = heldCallId;
            this.busy = busy;
            this.open = open;
        }

        List<CallStatus> written(String callId) {
            return writes.stream().filter(w -> w.startsWith(callId + " ")).map(w -> CallStatus.valueOf(w.split(" ")[1])).toList();
        }

        @Override
        public boolean advance(CallProgress progress) {
            if (progress.callId().equals(heldCallId)) {
                busy.countDown();
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            writes.add(progress.callId() + " " + progress.status());
            return store.advance(progress);
        }
    }
}
