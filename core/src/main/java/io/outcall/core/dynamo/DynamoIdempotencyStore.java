package io.outcall.core.dynamo;

import io.outcall.core.intake.IdempotencyRecord;
import io.outcall.core.intake.IdempotencyStore;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/** Retry keys in DynamoDB; {@code expiresAt} (epoch seconds) lets the table's TTL remove old ones. */
public final class DynamoIdempotencyStore implements IdempotencyStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoIdempotencyStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord record) {
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "idempotencyKey", s(record.key()),
                            "fingerprint", s(record.fingerprint()),
                            "callId", s(record.callId()),
                            "createdAt", s(record.createdAt().toString()),
                            "expiresAt", n(record.expiresAt().getEpochSecond())))
                    // An expired record may linger until TTL deletes it; it no longer holds the key.
                    .conditionExpression("attribute_not_exists(idempotencyKey) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(record.createdAt().getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = e.item();
            return Optional.of(new IdempotencyRecord(
                    string(item, "idempotencyKey"),
                    string(item, "fingerprint"),
                    string(item, "callId"),
                    Instant.parse(string(item, "createdAt")),
                    Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n()))));
        }
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
}
