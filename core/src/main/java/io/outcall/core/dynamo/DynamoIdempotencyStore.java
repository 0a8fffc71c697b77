package io.outcall.core.dynamo;

import io.outcall.core.aws.RetryPauses;
import io.outcall.core.aws.StillThrottledException;
import io.outcall.core.aws.TransientFailures;
import io.outcall.core.intake.BatchClaims;
import io.outcall.core.intake.IdempotencyRecord;
import io.outcall.core.intake.IdempotencyStore;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * Retry keys in DynamoDB; {@code expiresAt} (epoch seconds) lets the table's TTL remove old ones.
 *
 * <p>A batch claims its keys in transactions of conditional puts, a hundred to one (DynamoDB's
 * limit): BatchWriteItem has no conditions, and one conditional put per key would cost as many
 * requests as the calls themselves. A transaction is all or nothing, so when some of its keys are
 * held already it is cancelled, the held ones are set aside (their records come back in the
 * cancellation reasons) and the rest are claimed again: a key is only ever held by one request.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {

    static final int TRANSACTION_ITEMS = 100;
    private static final String HELD = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoIdempotencyStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord record) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(record))
                    .conditionExpression(FREE)
                    .expressionAttributeValues(Map.of(":now", n(record.createdAt().getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of(record(e.item()));
        }
    }

    /** An expired record may linger until TTL deletes it; it no longer holds the key. */
    private static final String FREE = "attribute_not_exists(idempotencyKey) OR expiresAt < :now";

    @Override
    public BatchClaims claimAll(List<IdempotencyRecord> records) {
        Map<String, IdempotencyRecord> held = new HashMap<>();
        Set<String> unavailable = new HashSet<>();
        for (int from = 0; from < records.size(); from += TRANSACTION_ITEMS) {
            claimChunk(records.subList(from, Math.min(records.size(), from + TRANSACTION_ITEMS)), held, unavailable);
        }
        return new BatchClaims(held, unavailable);
    }

    private void claimChunk(List<IdempotencyRecord> chunk, Map<String, IdempotencyRecord> held, Set<String> unavailable) {
        List<IdempotencyRecord> pending = chunk;
        for (int attempt = 1; !pending.isEmpty(); ) {
            List<IdempotencyRecord> asked = pending;
            List<IdempotencyRecord> retry = new ArrayList<>();
            boolean setback;
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(asked.stream().map(this::claimItem).toList()));
                return;
            } catch (TransactionCanceledException e) {
                setback = !e.hasCancellationReasons();
                for (int i = 0; i < asked.size(); i++) {
                    CancellationReason reason = setback ? null : e.cancellationReasons().get(i);
                    IdempotencyRecord holder = reason != null && HELD.equals(reason.code())
                            ? (reason.hasItem() && !reason.item().isEmpty() ? record(reason.item()) : holder(asked.get(i)))
                            : null;
                    if (holder != null) {
                        held.put(asked.get(i).key(), holder);
                    } else {
                        // Cancelled with the rest (code None), or throttled, or raced by another
                        // transaction, or released since: claimed again.
                        retry.add(asked.get(i));
                        setback |= reason == null || !"None".equals(reason.code());
                    }
                }
            } catch (SdkException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                retry = asked;
                setback = true;
            }
            pending = retry;
            if (setback && !pending.isEmpty()) {
                try {
                    RetryPauses.pauseAfter(attempt++, pending.size(), "retry keys of " + table);
                } catch (StillThrottledException stillFailing) {
                    pending.forEach(r -> unavailable.add(r.key()));
                    return;
                }
            }
        }
    }

    private TransactWriteItem claimItem(IdempotencyRecord record) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(record))
                .conditionExpression(FREE)
                .expressionAttributeValues(Map.of(":now", n(record.createdAt().getEpochSecond())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /**
     * The record holding {@code wanted}'s key, when a cancellation did not say; null when it was
     * released since (then the key is claimed again).
     */
    private IdempotencyRecord holder(IdempotencyRecord wanted) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("idempotencyKey", s(wanted.key())))).item();
        return item == null || item.isEmpty() ? null : record(item);
    }

    @Override
    public void release(String key, String callId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of("idempotencyKey", s(key)))
                    .conditionExpression("callId = :callId")
                    .expressionAttributeValues(Map.of(":callId", s(callId))));
        } catch (ConditionalCheckFailedException e) {
            // Someone else's claim by now: theirs to keep.
        }
    }

    private static Map<String, AttributeValue> item(IdempotencyRecord record) {
        return Map.of(
                "idempotencyKey", s(record.key()),
                "fingerprint", s(record.fingerprint()),
                "callId", s(record.callId()),
                "createdAt", s(record.createdAt().toString()),
                "expiresAt", n(record.expiresAt().getEpochSecond()));
    }

    private static IdempotencyRecord record(Map<String, AttributeValue> item) {
        return new IdempotencyRecord(
                string(item, "idempotencyKey"),
                string(item, "fingerprint"),
                string(item, "callId"),
                Instant.parse(string(item, "createdAt")),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())));
    }
}
