package io.outcall.core.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.outcall.core.store.Items.s;

/**
 * Reads call items by id, a hundred to a BatchGetItem (its limit): what a keys-only index gives
 * back is turned into calls this way. Keys DynamoDB leaves unprocessed (throttling) are asked for
 * again with a growing pause, a bounded number of times.
 */
final class CallBatchReads {

    private static final int BATCH_GET_MAX = 100;
    private static final int ATTEMPTS = 8;

    private CallBatchReads() {
    }

    /** The items found, in no particular order; ids without an item are left out. */
    static List<Map<String, AttributeValue>> read(DynamoDbClient dynamoDb, String table, List<String> callIds,
                                                  boolean consistent) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(callIds.size());
        for (int from = 0; from < callIds.size(); from += BATCH_GET_MAX) {
            List<Map<String, AttributeValue>> keys = callIds.subList(from, Math.min(callIds.size(), from + BATCH_GET_MAX))
                    .stream().map(id -> Map.of("callId", s(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + request.get(table).keys().size() + " of the calls"
                            + " of " + table + " unread after " + ATTEMPTS + " attempts (throttled)");
                }
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    pause(attempt);
                }
            }
        }
        return items;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1_000, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading calls", e);
        }
    }
}
