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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.DynamoCallStore.DUE_AT;
import static io.outcall.core.dynamo.DynamoCallStore.DUE_SHARD;
import static io.outcall.core.dynamo.DynamoCallStore.QUEUED_SHARD;
import static io.outcall.core.dynamo.DynamoCallStore.QUEUED_SINCE;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * The scheduler's view of the CallsTable: the sparse index {@link DynamoCallStore#BY_DUE_INDEX}
 * (keys, {@code dueAt} and {@code tenantId}) queried one shard at a time, and single conditional
 * writes that move a call between SCHEDULED and QUEUED. Enqueueing returns the call as written, so
 * the scheduler reads each due call once, in the write that claims it.
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
                    Instant.ofEpochMilli(Items.number(item, DUE_AT, 0)))));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && due.size() < limit);
        return due;
    }

    @Override
    public Optional<Call> enqueue(DueCall due, Instant at) {
        // Waiting since it became dialable: the sweeper's clock then starts at notBefore, so a call
        // whose message was lost (a crash between this write and the send) is sent again, not early.
        Instant since = due.dueAt().isAfter(at) ? due.dueAt() : at;
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of("callId", s(due.callId())))
                    .conditionExpression("#status = :scheduled AND #due = :due")
                    .updateExpression("SET #status = :queued, statusRank = :rank, tenantStatus = :tenantStatus,"
                            + " #queuedShard = :shard, #since = :since, version = version + :one"
                            + " REMOVE #dueShard, #due, requeues")
                    .expressionAttributeNames(Map.of("#status", "status", "#due", DUE_AT, "#dueShard", DUE_SHARD,
                            "#queuedShard", QUEUED_SHARD, "#since", QUEUED_SINCE))
                    .expressionAttributeValues(Map.of(
                            ":scheduled", s(CallStatus.SCHEDULED.name()),
                            ":due", n(due.dueAt().toEpochMilli()),
                            ":queued", s(CallStatus.QUEUED.name()),
                            ":rank", n(CallStatus.QUEUED.rank()),
                            ":tenantStatus", s(CallItems.tenantStatus(due.tenantId(), CallStatus.QUEUED)),
                            ":shard", s(Integer.toString(CallId.shard(due.callId(), shards))),
                            ":since", n(since.toEpochMilli()),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(CallItems.fromItem(item));
        } catch (ConditionalCheckFailedException movedOn) {
            return Optional.empty();
        }
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
