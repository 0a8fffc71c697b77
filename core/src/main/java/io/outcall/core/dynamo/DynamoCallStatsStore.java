package io.outcall.core.dynamo;

import io.outcall.core.stats.CallStatsStore;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import static io.outcall.core.dynamo.Items.s;

/**
 * Reads a range of a tenant's counter items with one key-range query (paged past 1 MB): every
 * shard of every bucket in the range, summed per bucket. Keys sort as {@code H#<hour>},
 * {@code H#<hour>#1} ... {@code H#<hour>#7}, {@code H#<next hour>}, so the range ends at the last
 * shard key of the last bucket. A query reads only the items that exist, which BatchGetItem over
 * buckets x shards keys would not (it would ask, and pay, for every absent shard too).
 */
public final class DynamoCallStatsStore implements CallStatsStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoCallStatsStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public StatsRead read(String tenantId, StatsInterval interval, Instant from, Instant to) {
        TreeMap<Instant, StatsBucket> buckets = new TreeMap<>();
        int itemsRead = 0;
        // BETWEEN is inclusive: from the first bucket's shard 0 to the last shard of the last bucket
        // that starts before `to`.
        String first = interval.bucketKey(from);
        String last = StatsItems.lastKeyOfBucket(interval, to.minusNanos(1));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("tenantId = :tenant AND #bucket BETWEEN :first AND :last")
                    .expressionAttributeNames(Map.of("#bucket", "bucket"))
                    .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":first", s(first), ":last", s(last)))
                    .exclusiveStartKey(exclusiveStart));
            itemsRead += page.count();
            for (Map<String, AttributeValue> item : page.items()) {
                StatsBucket shard = StatsItems.fromItem(interval, item);
                buckets.merge(shard.start(), shard, StatsBucket::plus);
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new StatsRead(new ArrayList<>(buckets.values()), itemsRead);
    }
}
