package io.outcall.core.dynamo;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.schedule.DueCall;
import io.outcall.core.schedule.ScheduledCalls;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.outcall.core.dynamo.DynamoCallStore.DUE_AT;
import static io.outcall.core.dynamo.DynamoCallStore.DUE_SHARD;
import static io.outcall.core.dynamo.DynamoCallStore.QUEUED_SHARD;
import static io.outcall.core.dynamo.DynamoCallStore.QUEUED_SINCE;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * The scheduler's view of the CallsTable: the sparse index {@link DynamoCallStore#BY_DUE_INDEX}
 * (projecting the whole call) queried one shard at a time, and conditional writes that move a call
 * between SCHEDULED and QUEUED, or hold it SCHEDULED, due later. The scheduler reads each due call
 * once, in the index; the write that claims or holds it is conditioned on the version listed there,
 * so a lagging copy is never sent.
 */
public final class DynamoScheduledCalls implements ScheduledCalls {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int shards;

    /** @param shards shards of both sparse indexes, as {@link DynamoCallStore} writes them ({@code QUEUED_INDEX_SHARDS}) */
    public DynamoScheduledCalls(DynamoDbClient dynamoDb, String table, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, was " + shards);
        }
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.shards = shards;
    }

    @Override
    public List<DueCall> dueBefore(int shard, Instant before, int limit) {
        List<DueCall> due = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            int wanted = limit - due.size();
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(DynamoCallStore.BY_DUE_INDEX)
                    .keyConditionExpression("#shard = :shard AND #due < :before")
                    .expressionAttributeNames(Map.of("#shard", DUE_SHARD, "#due", DUE_AT))
                    .expressionAttributeValues(Map.of(":shard", s(Integer.toString(shard)),
                            ":before", n(before.toEpochMilli())))
                    .limit(wanted)
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> due.add(new DueCall(Items.string(item, "callId"), Items.string(item, "tenantId"),
                    Instant.ofEpochMilli(Items.number(item, DUE_AT, 0)), listed(item))));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && due.size() < limit);
        return due;
    }

    /**
     * The call the index item is, when the index projects whole calls; null for an index that
     * projects only tenantId (a local database created before it projected all): its calls are read.
     */
    private static Call listed(Map<String, AttributeValue> item) {
        return item.containsKey("version") && item.containsKey("to") ? CallItems.fromItem(item) : null;
    }

    @Override
    public Optional<Call> enqueue(DueCall due, Instant at) {
        Update move = toQueued(due, null, at);
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(b -> b.tableName(table).key(move.key())
                    .conditionExpression(move.conditionExpression())
                    .updateExpression(move.updateExpression())
                    .expressionAttributeNames(move.expressionAttributeNames())
                    .expressionAttributeValues(move.expressionAttributeValues())
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(CallItems.fromItem(item));
        } catch (ConditionalCheckFailedException movedOn) {
            return Optional.empty();
        }
    }

    /**
     * One transaction of the moves, each conditioned on the version the index listed, instead of a
     * request per call: a hundred calls cost one request (measured on DynamoDB Local, a hundred
     * single UpdateItems take about four times as long, and reading the calls with BatchGetItem
     * first twice as long as the transaction). A transaction is all or nothing, so when some calls
     * moved on meanwhile it is cancelled, and tried again without them.
     */
    @Override
    public List<Call> enqueueAll(List<DueCall> due, Instant at) {
        if (due.size() > MOST_AT_ONCE) {
            throw new IllegalArgumentException("at most " + MOST_AT_ONCE + " calls at once, were " + due.size());
        }
        Map<String, Call> listed = new HashMap<>();
        List<DueCall> unlisted = new ArrayList<>();
        for (DueCall d : due) {
            if (d.listed() != null) {
                listed.put(d.callId(), d.listed());
            } else {
                unlisted.add(d);
            }
        }
        if (!unlisted.isEmpty()) {
            Map<String, Map<String, AttributeValue>> read = new HashMap<>();
            for (Map<String, AttributeValue> item : CallBatchReads.read(dynamoDb, table,
                    unlisted.stream().map(DueCall::callId).toList(), true)) {
                read.put(Items.string(item, "callId"), item);
            }
            unlisted.stream().filter(d -> stillDue(read.get(d.callId()), d))
                    .forEach(d -> listed.put(d.callId(), CallItems.fromItem(read.get(d.callId()))));
        }
        // The index lags the table: only calls still SCHEDULED for the time listed are tried (a call
        // the index lists is; the conditions decide).
        List<DueCall> pending = due.stream().filter(d -> listed.containsKey(d.callId())).toList();
        return writeEach(pending, d -> toQueued(d, listed.get(d.callId()), at), "enqueueing").stream()
                .map(d -> queuedCall(listed.get(d.callId()))).toList();
    }

    /**
     * The due key moves to {@code recheckAt}, in one transaction as {@link #enqueueAll} moves calls;
     * an unlisted call is conditioned on its status and due time only, as {@link #enqueue} does.
     */
    @Override
    public int holdAll(List<DueCall> due, Instant recheckAt) {
        if (due.size() > MOST_AT_ONCE) {
            throw new IllegalArgumentException("at most " + MOST_AT_ONCE + " calls at once, were " + due.size());
        }
        return writeEach(due, d -> held(d, recheckAt), "holding").size();
    }

    /**
     * The updates in one transaction, one per call; when some conditions fail the transaction is
     * cancelled whole, and tried again without those calls.
     *
     * @return the calls whose update was written
     */
    private List<DueCall> writeEach(List<DueCall> due, Function<DueCall, Update> update, String doing) {
        List<DueCall> pending = new ArrayList<>(due);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<DueCall> trying = List.copyOf(pending);
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(trying.stream()
                        .map(d -> TransactWriteItem.builder().update(update.apply(d)).build())
                        .toList()));
                return trying;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                pending.clear();
                for (int i = 0; i < trying.size(); i++) {
                    if (i >= reasons.size() || !"ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        pending.add(trying.get(i));
                    }
                }
                if (pending.size() == trying.size() && attempt >= 3) {
                    // Conflicts with other writers only, again and again: the next run takes them.
                    throw new IllegalStateException(doing + " " + trying.size() + " calls conflicted " + attempt
                            + " times; they stay SCHEDULED for the next run", e);
                }
            }
        }
        return List.of();
    }

    private static boolean stillDue(Map<String, AttributeValue> item, DueCall due) {
        return item != null && CallStatus.SCHEDULED.name().equals(Items.string(item, "status"))
                && Items.number(item, DUE_AT, -1) == due.dueAt().toEpochMilli();
    }

    /** The call as {@link #toQueued} leaves it, from the call as it was listed or read. */
    private static Call queuedCall(Call listed) {
        Map<String, AttributeValue> moved = CallItems.toItem(listed);
        moved.put("status", s(CallStatus.QUEUED.name()));
        moved.put("statusRank", n(CallStatus.QUEUED.rank()));
        moved.put("version", n(listed.version() + 1));
        return CallItems.fromItem(moved);
    }

    /**
     * SCHEDULED to QUEUED, only if still SCHEDULED for {@code due}'s time and, given {@code listed},
     * still at its version: the message is built from {@code listed}, so it must be the call as it is.
     * It waits since it became dialable: the sweeper's clock then starts at notBefore, so a call whose
     * message was lost (a crash between this write and the send) is sent again, and not early.
     */
    private Update toQueued(DueCall due, Call listed, Instant at) {
        Instant since = due.dueAt().isAfter(at) ? due.dueAt() : at;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":queued", s(CallStatus.QUEUED.name()),
                ":rank", n(CallStatus.QUEUED.rank()),
                ":tenantStatus", s(CallItems.tenantStatus(due.tenantId(), CallStatus.QUEUED)),
                ":shard", s(Integer.toString(CallId.shard(due.callId(), shards))),
                ":since", n(since.toEpochMilli()),
                ":one", n(1)));
        return Update.builder().tableName(table).key(Map.of("callId", s(due.callId())))
                .conditionExpression(stillAsListed(due, listed, values))
                .updateExpression("SET #status = :queued, statusRank = :rank, tenantStatus = :tenantStatus,"
                        + " #queuedShard = :shard, #since = :since, version = version + :one"
                        + " REMOVE #dueShard, #due, requeues")
                .expressionAttributeNames(Map.of("#status", "status", "#due", DUE_AT, "#dueShard", DUE_SHARD,
                        "#queuedShard", QUEUED_SHARD, "#since", QUEUED_SINCE))
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * The due key on to {@code recheckAt}, nothing else but the version: notBefore stays, so the call
     * goes as soon as it may once it is let go. Conditioned as {@link #toQueued} is.
     */
    private Update held(DueCall due, Instant recheckAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":recheck", n(recheckAt.toEpochMilli()),
                ":one", n(1)));
        return Update.builder().tableName(table).key(Map.of("callId", s(due.callId())))
                .conditionExpression(stillAsListed(due, due.listed(), values))
                .updateExpression("SET #due = :recheck, version = version + :one")
                .expressionAttributeNames(Map.of("#status", "status", "#due", DUE_AT))
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * The condition both moves out of the due index share: the call is still SCHEDULED for the time
     * the index listed and, when the index projected it ({@code listed}), still at that version.
     * Adds its values to {@code values}; uses the names {@code #status} and {@code #due}.
     */
    private static String stillAsListed(DueCall due, Call listed, Map<String, AttributeValue> values) {
        values.put(":scheduled", s(CallStatus.SCHEDULED.name()));
        values.put(":due", n(due.dueAt().toEpochMilli()));
        if (listed == null) {
            return "#status = :scheduled AND #due = :due";
        }
        values.put(":version", n(listed.version()));
        return "#status = :scheduled AND #due = :due AND version = :version";
    }

    @Override
    public boolean reschedule(String callId, int attempt, Instant notBefore, ScheduledReason reason) {
        Map<String, AttributeValue> key = Map.of("callId", s(callId));
        Map<String, AttributeValue> read = dynamoDb.getItem(b -> b.tableName(table).key(key)
                .projectionExpression("tenantId")).item();
        if (read == null || read.isEmpty()) {
            return false;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queuedRank", n(CallStatus.QUEUED.rank()));
        // A closed window moves back only a call no bridge has claimed: a copy of its message must not
        // pull back a call another bridge is dialing (it would be dialed twice). A retry moves an attempt
        // that has ended.
        String from = "statusRank = :queuedRank";
        if (reason != ScheduledReason.CALLING_WINDOW) {
            values.put(":liveRank", n(CallStatus.ANSWERED.rank()));
            from = "statusRank BETWEEN :queuedRank AND :liveRank";
        }
        values.put(":attempt", n(attempt));
        values.put(":scheduled", s(CallStatus.SCHEDULED.name()));
        values.put(":rank", n(CallStatus.SCHEDULED.rank()));
        values.put(":tenantStatus", s(CallItems.tenantStatus(Items.string(read, "tenantId"), CallStatus.SCHEDULED)));
        values.put(":notBefore", s(notBefore.toString()));
        values.put(":reason", s(reason.json()));
        values.put(":shard", s(Integer.toString(CallId.shard(callId, shards))));
        values.put(":due", n(notBefore.toEpochMilli()));
        values.put(":one", n(1));
        // Calls written before attempts were counted are on their first.
        String condition = from;
        String onAttempt = attempt <= 1 ? "(attribute_not_exists(#attempt) OR #attempt = :attempt)" : "#attempt = :attempt";
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key)
                    .conditionExpression(condition + " AND attribute_not_exists(cancelRequestedAt) AND " + onAttempt)
                    .updateExpression("SET #status = :scheduled, statusRank = :rank, tenantStatus = :tenantStatus,"
                            + " notBefore = :notBefore, scheduledReason = :reason, #dueShard = :shard, #due = :due,"
                            + " version = version + :one"
                            + " REMOVE #queuedShard, #since, requeues, liveOnBridge, cancelOnBridge")
                    .expressionAttributeNames(Map.of("#status", "status", "#due", DUE_AT, "#dueShard", DUE_SHARD,
                            "#queuedShard", QUEUED_SHARD, "#since", QUEUED_SINCE, "#attempt", "attempt"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }
}
