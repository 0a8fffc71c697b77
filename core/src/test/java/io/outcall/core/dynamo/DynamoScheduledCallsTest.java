package io.outcall.core.dynamo;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.schedule.DueCall;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The due index and the moves between SCHEDULED and QUEUED on DynamoDB Local, with template.yaml's
 * CallsTable. The table is shared with other test classes, so every look at the index keeps only
 * this test's calls.
 */
@ExtendWith(SharedLocalServices.class)
class DynamoScheduledCallsTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T10:00:00Z");
    private static final int SHARDS = 8;

    private static LocalServices aws;
    private static DynamoCallStore store;
    private static DynamoScheduledCalls scheduled;
    private final CallId callIds = CallId.systemGenerator();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeAll
    static void start(LocalServices shared) {
        aws = shared;
        store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable", SHARDS);
        scheduled = new DynamoScheduledCalls(aws.dynamoDb(), "CallsTable", SHARDS);
    }

    @Test
    void aScheduledCallSurvivesTheRoundTripAndWaitsInTheDueIndexOnly() {
        Call call = scheduled(CREATED.plusSeconds(600));
        store.create(call);

        assertEquals(Optional.of(call), store.find(call.callId()));
        Map<String, AttributeValue> item = rawItem(call.callId());
        assertEquals("-1", item.get("statusRank").n());
        assertEquals(tenant + "#SCHEDULED", item.get("tenantStatus").s());
        assertEquals("requested", item.get("scheduledReason").s());
        assertEquals(Long.toString(CREATED.plusSeconds(600).toEpochMilli()), item.get("dueAt").n());
        assertFalse(item.containsKey("queuedShard") || item.containsKey("queuedSince"), "not waiting for a bridge");
    }

    @Test
    void dueBeforeListsOnlyCallsDueBeforeTheGivenInstantHoweverLongAgo() {
        Call longDue = scheduled(CREATED.minusSeconds(86_400));
        Call dueSoon = scheduled(CREATED.plusSeconds(30));
        Call later = scheduled(CREATED.plusSeconds(600));
        List.of(longDue, dueSoon, later).forEach(store::create);

        List<String> due = mine(CREATED.plusSeconds(60));

        assertEquals(List.of(longDue.callId(), dueSoon.callId()), due, "soonest first, never the later one");
    }

    @Test
    void enqueueMovesTheCallToQueuedOnceAndItLeavesTheDueIndex() {
        Instant notBefore = CREATED.plusSeconds(40);
        Call call = scheduled(notBefore);
        store.create(call);
        DueCall due = find(call.callId(), notBefore.plusSeconds(1));
        Instant at = CREATED.plusSeconds(5);

        Call queued = scheduled.enqueue(due, at).orElseThrow();

        assertEquals(CallStatus.QUEUED, queued.status());
        assertEquals(notBefore, queued.notBefore(), "it keeps the instant it was scheduled for");
        assertEquals(Optional.empty(), scheduled.enqueue(due, at), "a second scheduler finds it moved on");
        Map<String, AttributeValue> item = rawItem(call.callId());
        assertFalse(item.containsKey("dueShard") || item.containsKey("dueAt"));
        assertEquals(Long.toString(notBefore.toEpochMilli()), item.get("queuedSince").n(),
                "waiting since it may be dialed, so the sweeper never sends it early");
        assertEquals(tenant + "#QUEUED", item.get("tenantStatus").s());
        assertFalse(mine(notBefore.plusSeconds(60)).contains(call.callId()));
    }

    @Test
    void enqueueAllMovesTheCallsAsTheIndexListsThemAndNeverACopyThatLagsTheTable() {
        Instant notBefore = CREATED.plusSeconds(40);
        Call listed = scheduled(notBefore);
        Call unlisted = scheduled(notBefore);
        Call movedBack = scheduled(notBefore);
        Call canceled = scheduled(notBefore);
        List.of(listed, unlisted, movedBack, canceled).forEach(store::create);
        Instant before = notBefore.plusSeconds(1);
        DueCall dueListed = find(listed.callId(), before);
        DueCall dueMovedBack = find(movedBack.callId(), before);
        DueCall dueCanceled = find(canceled.callId(), before);
        // As an index that projects only tenantId lists it: the call is read from the table.
        DueCall dueUnlisted = new DueCall(unlisted.callId(), tenant, notBefore);
        Instant at = CREATED.plusSeconds(5);
        // Since listed: enqueued by another run, then moved back by a closed window to the same
        // time (a later version); and canceled.
        scheduled.enqueue(dueMovedBack, at).orElseThrow();
        assertTrue(scheduled.reschedule(movedBack.callId(), 1, notBefore, ScheduledReason.CALLING_WINDOW));
        store.cancel(canceled.callId(), tenant, at);

        List<Call> queued = scheduled.enqueueAll(List.of(dueListed, dueUnlisted, dueMovedBack, dueCanceled), at);

        assertEquals(listed, dueListed.listed(), "the index lists the whole call");
        assertEquals(List.of(listed.callId(), unlisted.callId()), queued.stream().map(Call::callId).toList());
        for (Call call : queued) {
            assertEquals(store.find(call.callId()).orElseThrow(), call, "returned as it now is");
            assertEquals(CallStatus.QUEUED, call.status());
        }
        assertEquals(Map.of("K", "v"), queued.getFirst().variables());
        assertEquals(CallStatus.SCHEDULED, store.find(movedBack.callId()).orElseThrow().status(),
                "the lagging copy is not sent; the next run finds the call as it is");
        assertTrue(mine(before).contains(movedBack.callId()));
        assertEquals(CallStatus.CANCELED, store.find(canceled.callId()).orElseThrow().status());
        assertEquals(List.of(), scheduled.enqueueAll(List.of(dueListed, dueUnlisted), at), "a second run moves none");
    }

    @Test
    void rescheduleMovesAQueuedCallBackUntilItsNewTimeAndNotAFinalOne() {
        Call call = Call.queued(callIds.next(), tenant, "+14045550199", "+14045550100", "did-main", null, null,
                "outbound", Map.of(), 30, CREATED, null, null);
        store.create(call);
        Instant opening = CREATED.plusSeconds(3_600);

        assertTrue(scheduled.reschedule(call.callId(), 1, opening, ScheduledReason.CALLING_WINDOW));

        Call waiting = store.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.SCHEDULED, waiting.status());
        assertEquals(opening, waiting.notBefore());
        assertEquals(ScheduledReason.CALLING_WINDOW, waiting.scheduledReason());
        assertFalse(rawItem(call.callId()).containsKey("queuedShard"), "it left the index of waiting calls");
        assertTrue(mine(opening.plusSeconds(1)).contains(call.callId()));
        assertFalse(scheduled.reschedule(call.callId(), 2, opening, ScheduledReason.RETRY), "another attempt's");

        store.cancel(call.callId(), tenant, CREATED.plusSeconds(1));
        assertFalse(scheduled.reschedule(call.callId(), 1, opening, ScheduledReason.CALLING_WINDOW), "final");
    }

    @Test
    void cancelEndsAScheduledCallAtOnceAndTheSchedulerThenSkipsIt() {
        Instant notBefore = CREATED.plusSeconds(600);
        Call call = scheduled(notBefore);
        store.create(call);
        DueCall due = find(call.callId(), notBefore.plusSeconds(1));

        CancelResult result = store.cancel(call.callId(), tenant, CREATED.plusSeconds(2));

        assertEquals(CancelResult.Outcome.CANCELED, result.outcome());
        Call canceled = store.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.CANCELED, canceled.status());
        assertNull(canceled.dialedAt());
        assertFalse(rawItem(call.callId()).containsKey("dueAt"), "it left the due index");
        assertEquals(Optional.empty(), scheduled.enqueue(due, notBefore));
    }

    private Call scheduled(Instant notBefore) {
        return Call.queued(callIds.next(), tenant, "+14045550199", "+14045550100", "did-main", null, null,
                "outbound", Map.of("K", "v"), 30, CREATED, null, null).scheduledAt(notBefore, ScheduledReason.REQUESTED);
    }

    private List<DueCall> allDue(Instant before) {
        List<DueCall> due = new java.util.ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            due.addAll(scheduled.dueBefore(shard, before, 10_000));
        }
        due.sort(java.util.Comparator.comparing(DueCall::dueAt));
        return due;
    }

    private List<String> mine(Instant before) {
        return allDue(before).stream().filter(d -> tenant.equals(d.tenantId())).map(DueCall::callId).toList();
    }

    private DueCall find(String callId, Instant before) {
        return allDue(before).stream().filter(d -> d.callId().equals(callId)).findFirst().orElseThrow();
    }

    private static Map<String, AttributeValue> rawItem(String callId) {
        return aws.dynamoDb().getItem(b -> b.tableName("CallsTable").key(Map.of("callId", AttributeValue.fromS(callId)))
                .consistentRead(true)).item();
    }
}
