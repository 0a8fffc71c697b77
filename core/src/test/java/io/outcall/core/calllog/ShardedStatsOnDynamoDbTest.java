package io.outcall.core.calllog;

import io.outcall.core.call.Call;
import io.outcall.core.dynamo.DynamoCallStatsStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.StatsItems;
import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.CallStatsQuery;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One busy tenant's counters are split over {@link StatsItems#SHARDS} items per bucket: each item
 * holds exactly the calls of its shard, and a read sums them back into exactly the bucket's figures.
 */
@ExtendWith(SharedLocalServices.class)
class ShardedStatsOnDynamoDbTest {

    private static final Instant HOUR = Instant.parse("2026-09-14T09:00:00Z");

    @Test
    void eachShardHoldsItsCallsAndTheReadSumsThemExactly(LocalServices aws) {
        String tenant = "tenant-hot-" + UUID.randomUUID();
        DynamoCallStore store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
        // 600 calls over two hours, written through create, claim, advance, fail and cancel.
        List<Call> calls = GeneratedCalls.write(store, tenant, 600, HOUR, Duration.ofHours(2), 42);

        for (StatsInterval interval : StatsInterval.values()) {
            Map<String, StatsBucket> expectedPerItem = new HashMap<>();
            Map<Instant, StatsBucket> expectedPerBucket = new HashMap<>();
            for (Call call : calls) {
                if (!call.status().isFinal()) {
                    continue;
                }
                Instant start = interval.floor(call.createdAt());
                StatsBucket one = GeneratedCalls.counted(start, call);
                expectedPerItem.merge(StatsItems.bucketKey(interval, start, StatsItems.shardOf(call.callId())), one,
                        StatsBucket::plus);
                expectedPerBucket.merge(start, one, StatsBucket::plus);
            }

            List<Map<String, AttributeValue>> items = aws.dynamoDb().query(b -> b.tableName("CallStatsTable")
                    .keyConditionExpression("tenantId = :t AND begins_with(#bucket, :prefix)")
                    .expressionAttributeNames(Map.of("#bucket", "bucket"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant),
                            ":prefix", AttributeValue.fromS(interval == StatsInterval.HOUR ? "H#" : "D#")))).items();
            assertEquals(expectedPerItem.keySet(), new java.util.HashSet<>(items.stream()
                    .map(item -> item.get("bucket").s()).toList()), interval + ": one item per bucket and shard with calls");
            assertTrue(items.size() >= StatsItems.SHARDS, interval + ": the calls spread over every shard, were "
                    + items.size() + " items");
            for (Map<String, AttributeValue> item : items) {
                assertEquals(expectedPerItem.get(item.get("bucket").s()), StatsItems.fromItem(interval, item),
                        interval + " item " + item.get("bucket").s() + " counts exactly its shard's calls");
            }

            CallStats.Report report = new CallStats(new DynamoCallStatsStore(aws.dynamoDb(), "CallStatsTable"))
                    .report(tenant, CallStatsQuery.parse(Map.of("from", HOUR.toString(),
                            "to", HOUR.plus(Duration.ofHours(2)).toString(), "interval", interval.wireName()), HOUR));
            StatsBucket total = StatsBucket.empty(report.query().from());
            for (StatsBucket bucket : report.buckets()) {
                assertEquals(expectedPerBucket.getOrDefault(bucket.start(), StatsBucket.empty(bucket.start())), bucket,
                        interval + " bucket " + bucket.start() + " is the exact sum of its shards");
                total = total.plus(expectedPerBucket.getOrDefault(bucket.start(), StatsBucket.empty(bucket.start())));
            }
            assertEquals(total, report.total());
            assertEquals(items.size(), report.itemsRead(), "every shard item read once, in one key-range query");
            assertTrue(report.total().calls() > 400, "most of the 600 calls are final: " + report.total().calls());
        }
    }
}
