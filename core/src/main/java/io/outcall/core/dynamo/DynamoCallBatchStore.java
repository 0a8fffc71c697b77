package io.outcall.core.dynamo;

import io.outcall.core.aws.StillThrottledException;
import io.outcall.core.aws.TransientFailures;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallBatchStore;
import io.outcall.core.sweep.SweepSettings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * New calls in {@code CallsTable} written 25 to a BatchWriteItem (its limit), the items DynamoDB
 * leaves unprocessed asked again as {@link UnprocessedRetries} says. The items are the ones
 * {@link DynamoCallStore#create} writes, QUEUED index shard included.
 */
public final class DynamoCallBatchStore implements CallBatchStore {

    static final int BATCH_WRITE_MAX = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int queuedShards;

    public DynamoCallBatchStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, SweepSettings.DEFAULT_SHARDS);
    }

    /** @param queuedShards as {@link DynamoCallStore}'s: the sweeper queries as many */
    public DynamoCallBatchStore(DynamoDbClient dynamoDb, String table, int queuedShards) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.queuedShards = queuedShards;
    }

    @Override
    public List<Call> createAll(List<Call> calls) {
        List<Call> unwritten = new ArrayList<>();
        for (int from = 0; from < calls.size(); from += BATCH_WRITE_MAX) {
            unwritten.addAll(write(calls.subList(from, Math.min(calls.size(), from + BATCH_WRITE_MAX))));
        }
        return unwritten;
    }

    private List<Call> write(List<Call> chunk) {
        Map<String, Call> byId = new HashMap<>();
        List<WriteRequest> puts = new ArrayList<>(chunk.size());
        for (Call call : chunk) {
            byId.put(call.callId(), call);
            puts.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(DynamoCallStore.newItem(call, queuedShards)).build()).build());
        }
        Map<String, List<WriteRequest>> request = Map.of(table, puts);
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> asked = request;
            try {
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(asked));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            } catch (SdkException e) {
                // A throttled or failed request wrote none of its items: all of them go again.
                if (!TransientFailures.isTransient(e)) {
                    return unwrittenOf(asked, byId);
                }
            }
            if (!request.isEmpty()) {
                try {
                    UnprocessedRetries.pauseAfter(attempt, request.getOrDefault(table, List.of()).size(), "calls of " + table);
                } catch (StillThrottledException stillThrottled) {
                    return unwrittenOf(request, byId);
                }
            }
        }
        return List.of();
    }

    private List<Call> unwrittenOf(Map<String, List<WriteRequest>> request, Map<String, Call> byId) {
        return request.getOrDefault(table, List.of()).stream()
                .map(w -> byId.get(w.putRequest().item().get("callId").s())).toList();
    }

    @Override
    public Map<String, Call> findAll(Collection<String> callIds) {
        Map<String, Call> found = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : CallBatchReads.read(dynamoDb, table, List.copyOf(callIds), true)) {
            Call call = CallItems.fromItem(item);
            found.put(call.callId(), call);
        }
        return found;
    }
}
