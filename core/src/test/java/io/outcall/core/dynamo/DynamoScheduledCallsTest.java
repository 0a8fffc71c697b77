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
import java.util.Set;
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
        Instant before = notBefore.plusSeconds(1);
        Instant at = CREATED.plusSeconds(5);
        ChangedSinceListed four = changedSinceListed(notBefore, at);
        Call listed = four.listed();
        Call unlisted = four.unlisted();
        Call movedBack = four.movedBack();
        Call canceled = four.canceled();
        DueCall dueListed = four.due().get(0);
        DueCall dueUnlisted = four.due().get(1);

        List<Call> queued = scheduled.enqueueAll(four.due(), at);

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
    void holdAllMovesOnlyTheDueKeyOfCallsStillAsListedAndKeepsTheirNotBefore() {
        Instant notBefore = CREATED.plusSeconds(40);
        Instant before = notBefore.plusSeconds(1);
        ChangedSinceListed four = changedSinceListed(notBefore, CREATED.plusSeconds(5));
        Instant recheckAt = notBefore.plusSeconds(900);

        int count = scheduled.holdAll(four.due(), recheckAt);

        assertEquals(2, count, "the listed and the unlisted call; not the lagging copy nor the canceled one");
        List<Call> held = List.of(four.listed(), four.unlisted());
        for (Call call : held) {
            Call now = store.find(call.callId()).orElseThrow();
            assertEquals(CallStatus.SCHEDULED, now.status());
            assertEquals(notBefore, now.notBefore());
            assertEquals(call.version() + 1, now.version());
            assertEquals(Long.toString(recheckAt.toEpochMilli()), rawItem(call.callId()).get("dueAt").n());
        }
        assertEquals(List.of(four.movedBack().callId()), mine(before),
                "only the call not held is due before its recheck");
        assertFalse(rawItem(four.canceled().callId()).containsKey("dueAt"),
                "a canceled call stays out of the due index");
        assertEquals(CallStatus.CANCELED, store.find(four.canceled().callId()).orElseThrow().status());
        assertEquals(0, scheduled.holdAll(four.due().subList(0, 2), recheckAt), "no longer due as listed");
        Set<String> heldIds = Set.copyOf(held.stream().map(Call::callId).toList());
        List<DueCall> dueAtRecheck = allDue(recheckAt.plusSeconds(1)).stream()
                .filter(d -> heldIds.contains(d.callId())).toList();
        assertEquals(heldIds, Set.copyOf(scheduled.enqueueAll(dueAtRecheck, recheckAt).stream().map(Call::callId)
                .toList()), "at the recheck they go");
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

    /**
     * Four calls due at {@code notBefore}, as a run lists them ({@link #due} in this order), of which
     * two changed since: one enqueued by another run and moved back by a closed window to the same
     * time (a later version), one canceled. The second is listed as an index that projects only
     * tenantId lists it: its call is read from the table.
     */
    private ChangedSinceListed changedSinceListed(Instant notBefore, Instant at) {
        Call listed = scheduled(notBefore);
        Call unlisted = scheduled(notBefore);
        Call movedBack = scheduled(notBefore);
        Call canceled = scheduled(notBefore);
        List.of(listed, unlisted, movedBack, canceled).forEach(store::create);
        Instant before = notBefore.plusSeconds(1);
        List<DueCall> due = List.of(find(listed.callId(), before), new DueCall(unlisted.callId(), tenant, notBefore),
                find(movedBack.callId(), before), find(canceled.callId(), before));
        scheduled.enqueue(due.get(2), at).orElseThrow();
        assertTrue(scheduled.reschedule(movedBack.callId(), 1, notBefore, ScheduledReason.CALLING_WINDOW));
        store.cancel(canceled.callId(), tenant, at);
        return new ChangedSinceListed(listed, unlisted, movedBack, canceled, due);
    }

    private record ChangedSinceListed(Call listed, Call unlisted, Call movedBack, Call canceled, List<DueCall> due) {
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
