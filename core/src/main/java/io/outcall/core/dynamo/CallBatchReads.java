package io.outcall.core.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.outcall.core.dynamo.Items.s;

/**
 * Reads call items by id, a hundred to a BatchGetItem (its limit): what a keys-only index gives
 * back is turned into calls this way. Keys DynamoDB leaves unprocessed (throttling) are asked for
 * again as {@link UnprocessedRetries} says.
 */
final class CallBatchReads {

    private static final int BATCH_GET_MAX = 100;

    private CallBatchReads() {
    }

    /** The items found, in no particular order; ids without an item are left out. */
    static List<Map<String, AttributeValue>> read(DynamoDbClient dynamoDb, String table, List<String> callIds,
                                                  boolean consistent) {
        return readKeys(dynamoDb, table, callIds.stream().map(id -> Map.of("callId", s(id))).toList(), consistent,
                "calls of " + table);
    }

    /** The items of {@code keys} (any table's), a hundred to a request; those without an item are left out. */
    static List<Map<String, AttributeValue>> readKeys(DynamoDbClient dynamoDb, String table,
                                                      List<Map<String, AttributeValue>> keys, boolean consistent,
                                                      String what) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX))).consistentRead(consistent).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    UnprocessedRetries.pauseAfter(attempt, request.get(table).keys().size(), what);
                }
            }
        }
        return items;
    }
}
