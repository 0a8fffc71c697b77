package io.outcall.core.dynamo;

import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallEventStore;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.outcall.core.dynamo.Items.s;

/**
 * Call events in DynamoDB: the events of one call handed over together go into one write-once item
 * (see {@link TimelineItems}), items written 25 to a request, unprocessed items retried.
 */
public final class DynamoCallEventStore implements CallEventStore {

    private static final int BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoCallEventStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Writes events, a run of one call's consecutive events to an item; writing the same list again is harmless. */
    @Override
    public void append(List<CallEvent> events) {
        append(events, callId -> null);
    }

    /** Items of a call with an expiry carry {@code expiresAt} (epoch seconds), the table's TTL attribute. */
    @Override
    public void append(List<CallEvent> events, Function<String, Instant> expiresAt) {
        List<Map<String, AttributeValue>> items = TimelineItems.pack(events);
        for (Map<String, AttributeValue> item : items) {
            Instant expiry = expiresAt.apply(item.get("callId").s());
            if (expiry != null) {
                item.put(TimelineItems.EXPIRES_AT, Items.n(expiry.getEpochSecond()));
            }
        }
        for (int from = 0; from < items.size(); from += BATCH) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + BATCH))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            write(batch);
        }
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            if (!pending.isEmpty()) {
                UnprocessedRetries.pauseAfter(attempt, pending.get(table).size(), "call events");
            }
        }
    }

    @Override
    public List<CallEvent> timeline(String callId) {
        List<CallEvent> events = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("callId = :c")
                    .expressionAttributeValues(Map.of(":c", s(callId))).consistentRead(true)
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> events.addAll(TimelineItems.unpack(item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return events;
    }

    @Override
    public long lastSeq(String callId) {
        QueryResponse last = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("callId = :c")
                .expressionAttributeValues(Map.of(":c", s(callId))).consistentRead(true)
                .scanIndexForward(false).limit(1).projectionExpression(TimelineItems.lastSeqProjection()));
        return last.items().isEmpty() ? 0 : TimelineItems.lastSeq(last.items().getFirst());
    }
}
