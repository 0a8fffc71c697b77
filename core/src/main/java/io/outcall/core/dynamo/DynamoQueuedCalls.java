package io.outcall.core.dynamo;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.sweep.QueuedCall;
import io.outcall.core.sweep.QueuedCalls;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * The sweeper's view of the CallsTable: the keys-only sparse index {@link DynamoCallStore#BY_QUEUED_INDEX}
 * queried one shard at a time for a range of {@code queuedSince}, then those calls read consistently
 * a hundred at a time. {@code requeues} on the call counts the sweeper's enqueues.
 */
public final class DynamoQueuedCalls implements QueuedCalls {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final CallStore calls;

    /** @param calls ends calls FAILED the way every FAILED-while-QUEUED call ends, counted in the statistics */
    public DynamoQueuedCalls(DynamoDbClient dynamoDb, String table, CallStore calls) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.calls = calls;
    }

    @Override
    public List<QueuedCall> queuedBefore(int shard, Instant before, int limit) {
        List<String> callIds = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            int wanted = limit - callIds.size();
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(DynamoCallStore.BY_QUEUED_INDEX)
                    .keyConditionExpression("#shard = :shard AND #since < :before")
                    .expressionAttributeNames(Map.of("#shard", DynamoCallStore.QUEUED_SHARD,
                            "#since", DynamoCallStore.QUEUED_SINCE))
                    .expressionAttributeValues(Map.of(":shard", s(Integer.toString(shard)),
                            ":before", n(before.toEpochMilli())))
                    .limit(wanted)
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> callIds.add(Items.string(item, "callId")));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && callIds.size() < limit);
        List<Map<String, AttributeValue>> items = new ArrayList<>(CallBatchReads.read(dynamoDb, table, callIds, true));
        // Read after the index, which lags the table: a call claimed meanwhile is no longer QUEUED,
        // and one a bridge just saw waiting for its tenant's turn has waited since later.
        items.removeIf(item -> !CallStatus.QUEUED.name().equals(Items.string(item, "status"))
                || !item.containsKey(DynamoCallStore.QUEUED_SINCE)
                || Items.number(item, DynamoCallStore.QUEUED_SINCE, 0) >= before.toEpochMilli());
        items.sort(Comparator.comparingLong(item -> Items.number(item, DynamoCallStore.QUEUED_SINCE, 0)));
        return items.stream().map(item -> new QueuedCall(CallItems.fromItem(item), (int) Items.number(item, "requeues", 0)))
                .toList();
    }

    @Override
    public boolean recordRequeue(QueuedCall queued, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queued", s(CallStatus.QUEUED.name()));
        values.put(":next", n(queued.requeues() + 1L));
        values.put(":since", n(at.toEpochMilli()));
        values.put(":one", n(1));
        String counted;
        if (queued.requeues() == 0) {
            counted = "attribute_not_exists(requeues)";
        } else {
            counted = "requeues = :seen";
            values.put(":seen", n(queued.requeues()));
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(queued.call().callId())))
                    .conditionExpression("#status = :queued AND " + counted)
                    .updateExpression("SET requeues = :next, #since = :since, version = version + :one")
                    .expressionAttributeNames(Map.of("#status", "status", "#since", DynamoCallStore.QUEUED_SINCE))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    @Override
    public boolean failNeverDialed(Call call, String reason, Instant at) {
        return calls.fail(call, reason, at);
    }
}
