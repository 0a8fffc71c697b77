package io.outcall.core.store;

import io.outcall.core.stats.CallStatsStore;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.outcall.core.store.Items.s;

/** Reads a range of a tenant's counter items with one key-range query (paged past 1 MB). */
public final class DynamoCallStatsStore implements CallStatsStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoCallStatsStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public StatsRead read(String tenantId, StatsInterval interval, Instant from, Instant to) {
        List<StatsBucket> buckets = new ArrayList<>();
        int itemsRead = 0;
        // BETWEEN is inclusive: the last bucket that starts before `to`.
        String first = interval.bucketKey(from);
        String last = interval.bucketKey(to.minusNanos(1));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("tenantId = :tenant AND #bucket BETWEEN :first AND :last")
                    .expressionAttributeNames(Map.of("#bucket", "bucket"))
                    .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":first", s(first), ":last", s(last)))
                    .exclusiveStartKey(exclusiveStart));
            itemsRead += page.count();
            page.items().forEach(item -> buckets.add(StatsItems.fromItem(interval, item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new StatsRead(buckets, itemsRead);
    }
}
