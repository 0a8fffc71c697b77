package io.outcall.localaws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a table's stream on DynamoDB Local the way Lambda's event source mapping does: every
 * shard, records in order, new shards picked up as they appear. Each poll asks for a fresh
 * iterator after the last record read: DynamoDB Local refuses an iterator that was handed out
 * while its shard was empty (TrimmedDataAccessException), so iterators are never kept. Not
 * thread-safe: one poller owns it.
 */
public final class DynamoStreamTail {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    /** Shard id to the sequence number of the last record read from it; null before the first. */
    private final Map<String, String> lastRead = new LinkedHashMap<>();
    /** Closed shards read to their end: never asked again. */
    private final java.util.Set<String> finished = new java.util.HashSet<>();

    /**
     * @param fromNow only what is written from now on, rather than all the stream holds
     * @throws IllegalStateException when the table has no stream
     */
    public DynamoStreamTail(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String table, boolean fromNow) {
        this.streams = streams;
        this.streamArn = dynamoDb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (streamArn == null) {
            throw new IllegalStateException("table " + table + " has no stream; template.yaml must give it a StreamSpecification");
        }
        if (fromNow) {
            poll();
        }
    }

    public String streamArn() {
        return streamArn;
    }

    /** Every record written since the last poll, shard by shard in order; empty when there is none. */
    public List<Record> poll() {
        Map<String, String> endings = new LinkedHashMap<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            if (!finished.contains(shard.shardId())) {
                lastRead.putIfAbsent(shard.shardId(), null);
                endings.put(shard.shardId(), shard.sequenceNumberRange().endingSequenceNumber());
            }
        }
        List<Record> records = new ArrayList<>();
        for (Map.Entry<String, String> shard : lastRead.entrySet()) {
            if (finished.contains(shard.getKey())) {
                continue;
            }
            String after = shard.getValue();
            String iterator = streams.getShardIterator(b -> {
                b.streamArn(streamArn).shardId(shard.getKey());
                if (after == null) {
                    b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                } else {
                    b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
                }
            }).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response;
                try {
                    response = streams.getRecords(b -> b.shardIterator(current));
                } catch (TrimmedDataAccessException handedOutWhileEmpty) {
                    // DynamoDB Local refuses an iterator taken while its shard was empty once a record
                    // arrived; nothing was read past lastRead, so the next poll asks again.
                    break;
                }
                if (response.records().isEmpty()) {
                    break;
                }
                records.addAll(response.records());
                shard.setValue(response.records().get(response.records().size() - 1).dynamodb().sequenceNumber());
                iterator = response.nextShardIterator();
            }
            String ending = endings.get(shard.getKey());
            if (ending != null && ending.equals(shard.getValue())) {
                finished.add(shard.getKey());
            }
        }
        return records;
    }
}
