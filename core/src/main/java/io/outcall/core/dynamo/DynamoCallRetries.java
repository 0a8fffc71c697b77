package io.outcall.core.dynamo;

import io.outcall.core.call.CallAttempt;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.call.CallRetries;
import io.outcall.core.stats.StatsInterval;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.outcall.core.dynamo.DynamoCallStore.DUE_AT;
import static io.outcall.core.dynamo.DynamoCallStore.DUE_SHARD;
import static io.outcall.core.dynamo.DynamoCallStore.QUEUED_SHARD;
import static io.outcall.core.dynamo.DynamoCallStore.QUEUED_SINCE;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * {@link CallRetries} on the CallsTable: the move back to SCHEDULED that {@link DynamoScheduledCalls}
 * makes for a calling window, here with the ended attempt appended and counted. Its own class (not
 * a reschedule of the scheduler's port) because it writes the statistics table in the same
 * transaction, like a final write ({@link FinalWrites}).
 */
public final class DynamoCallRetries implements CallRetries {

    /**
     * What an ended attempt leaves behind: its bridge, its dial and its channel belong to the attempt
     * record now; the next claim writes them again.
     */
    private static final String CLEAR_ATTEMPT = " REMOVE " + QUEUED_SHARD + ", " + QUEUED_SINCE + ", requeues,"
            + " liveOnBridge, cancelOnBridge, bridgeId, originateActionId, originatedAt, dialedAt, ringingAt, channel,"
            + " hangupCauseCode, hangupCauseText";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int shards;
    private final FinalWrites transactions;

    /** @param shards shards of the due index, as {@link DynamoScheduledCalls} reads them ({@code QUEUED_INDEX_SHARDS}) */
    public DynamoCallRetries(DynamoDbClient dynamoDb, String table, String statsTable, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, was " + shards);
        }
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.shards = shards;
        this.transactions = new FinalWrites(dynamoDb, statsTable);
    }

    @Override
    public boolean retryLater(String callId, String tenantId, CallAttempt ended, Instant notBefore) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":tenant", s(tenantId));
        values.put(":dialing", n(CallStatus.DIALING.rank()));
        values.put(":ringing", n(CallStatus.RINGING.rank()));
        values.put(":attempt", n(ended.attempt()));
        values.put(":next", n(ended.attempt() + 1));
        values.put(":ended", AttributeValue.fromL(List.of(RetryItems.attempt(ended))));
        values.put(":none", AttributeValue.fromL(List.of()));
        values.put(":scheduled", s(CallStatus.SCHEDULED.name()));
        values.put(":rank", n(CallStatus.SCHEDULED.rank()));
        values.put(":tenantStatus", s(CallItems.tenantStatus(tenantId, CallStatus.SCHEDULED)));
        values.put(":notBefore", s(notBefore.toString()));
        values.put(":reason", s(ScheduledReason.RETRY.json()));
        values.put(":shard", s(Integer.toString(CallId.shard(callId, shards))));
        values.put(":due", n(notBefore.toEpochMilli()));
        values.put(":one", n(1));
        // Never answered (an answered attempt is never retried), and nobody asked to stop it.
        Update update = Update.builder().tableName(table).key(Map.of("callId", s(callId)))
                .conditionExpression("tenantId = :tenant AND statusRank BETWEEN :dialing AND :ringing"
                        + " AND attribute_not_exists(cancelRequestedAt) AND " + DynamoCallStore.onAttempt(ended.attempt()))
                .updateExpression("SET #status = :scheduled, statusRank = :rank, tenantStatus = :tenantStatus,"
                        + " notBefore = :notBefore, scheduledReason = :reason, #dueShard = :shard, #due = :due,"
                        + " #attempt = :next, #attempts = list_append(if_not_exists(#attempts, :none), :ended),"
                        + " version = version + :one" + CLEAR_ATTEMPT)
                .expressionAttributeNames(Map.of("#status", "status", "#due", DUE_AT, "#dueShard", DUE_SHARD,
                        "#attempt", RetryItems.ATTEMPT, "#attempts", RetryItems.ATTEMPTS))
                .expressionAttributeValues(values)
                .build();
        // Counted where the call will be: in the buckets of its creation time, as its final write counts it.
        Instant created = CallId.isWellFormed(callId) ? CallId.createdAt(callId) : ended.endedAt();
        int shard = StatsItems.shardOf(callId);
        return transactions.transact(update,
                StatsItems.incrementAttempt(transactions.statsTable(), StatsInterval.HOUR, tenantId, created,
                        ended.disposition(), shard),
                StatsItems.incrementAttempt(transactions.statsTable(), StatsInterval.DAY, tenantId, created,
                        ended.disposition(), shard));
    }
}
