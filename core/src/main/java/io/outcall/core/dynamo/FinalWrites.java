package io.outcall.core.dynamo;

import io.outcall.core.aws.TransientFailures;
import io.outcall.core.stats.CountedCall;
import io.outcall.core.stats.StatsInterval;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one write that makes a call final: the call's update and its hour and day statistics
 * counters in one transaction, so a retried or repeated final write fails the call's condition and
 * never counts twice. Its own class because it changes with the counters' layout, not the call's.
 */
final class FinalWrites {

    private static final int CONFLICT_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String statsTable;

    FinalWrites(DynamoDbClient dynamoDb, String statsTable) {
        this.dynamoDb = dynamoDb;
        this.statsTable = statsTable;
    }

    /** @return false when the call's condition failed: it had moved on, or is missing */
    boolean write(Update callUpdate, String callId, CountedCall counted) {
        return write(callUpdate, callId, counted, false);
    }

    /** @param dialed the call's last attempt was dialed: it counts among the attempts too */
    boolean write(Update callUpdate, String callId, CountedCall counted, boolean dialed) {
        // The call's counter shard comes from its id: a retry of this write hits the same items.
        int shard = StatsItems.shardOf(callId);
        return transact(callUpdate, StatsItems.increment(statsTable, StatsInterval.HOUR, counted, shard, dialed),
                StatsItems.increment(statsTable, StatsInterval.DAY, counted, shard, dialed));
    }

    String statsTable() {
        return statsTable;
    }

    /**
     * The call's update and its counters' in one transaction.
     *
     * @return false when the call's condition failed: it had moved on, or is missing
     */
    boolean transact(Update callUpdate, Update... counters) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(callUpdate).build());
        for (Update counter : counters) {
            items.add(TransactWriteItem.builder().update(counter).build());
        }
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(items).build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(request);
                return true;
            } catch (TransactionCanceledException e) {
                // Reasons come in the order of the items: the call's own condition is the first.
                if (e.hasCancellationReasons() && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code())) {
                    return false;
                }
                if (!TransientFailures.isTransient(e) || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
                // Another final write of the same tenant holds the counter shard: step aside briefly.
                sleepQuietly(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a final call write", e);
        }
    }
}
