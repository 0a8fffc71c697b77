package io.outcall.core.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.outcall.core.store.Items.n;
import static io.outcall.core.store.Items.s;

/** Call events in DynamoDB, written 25 to a request, unprocessed items retried. */
public final class DynamoCallEventStore implements CallEventStore {

    private static final int BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoCallEventStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void append(List<CallEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            List<WriteRequest> batch = new ArrayList<>();
            for (CallEvent event : events.subList(from, Math.min(events.size(), from + BATCH))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(event)).build()).build());
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
            page.items().forEach(item -> events.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return events;
    }

    @Override
    public long lastSeq(String callId) {
        QueryResponse last = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("callId = :c")
                .expressionAttributeValues(Map.of(":c", s(callId))).consistentRead(true)
                .scanIndexForward(false).limit(1).projectionExpression("seq"));
        return last.items().isEmpty() ? 0 : Long.parseLong(last.items().getFirst().get("seq").n());
    }

    static Map<String, AttributeValue> toItem(CallEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("callId", s(event.callId()));
        item.put("seq", n(event.seq()));
        item.put("name", s(event.name()));
        item.put("receivedAt", s(event.receivedAt().toString()));
        Items.putIfPresent(item, "channel", event.channel());
        if (!event.fields().isEmpty()) {
            Map<String, AttributeValue> fields = new LinkedHashMap<>();
            event.fields().forEach((k, v) -> fields.put(k, s(v)));
            item.put("fields", AttributeValue.fromM(fields));
        }
        return item;
    }

    static CallEvent fromItem(Map<String, AttributeValue> item) {
        Map<String, String> fields = new LinkedHashMap<>();
        AttributeValue map = item.get("fields");
        if (map != null) {
            map.m().forEach((k, v) -> fields.put(k, v.s()));
        }
        return new CallEvent(item.get("callId").s(), Long.parseLong(item.get("seq").n()), item.get("name").s(),
                Instant.parse(item.get("receivedAt").s()), Items.string(item, "channel"), fields);
    }
}
