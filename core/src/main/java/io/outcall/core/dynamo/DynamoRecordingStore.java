package io.outcall.core.dynamo;

import io.outcall.core.recording.Recording;
import io.outcall.core.recording.RecordingStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * The recording field of CallsTable items. Each write is conditional on the call's tenant and on
 * what it changes, and bumps the version as the bridge's other writes do, so the calls stream
 * sees it as one change.
 */
public final class DynamoRecordingStore implements RecordingStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoRecordingStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean stored(String callId, String tenantId, Recording recording) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                    .conditionExpression("tenantId = :tenant AND #record = :true AND attribute_not_exists(#recording)")
                    .updateExpression("SET #recording = :recording, version = version + :one")
                    .expressionAttributeNames(Map.of("#record", RecordingItems.RECORD,
                            "#recording", RecordingItems.RECORDING))
                    .expressionAttributeValues(Map.of(":tenant", s(tenantId),
                            ":true", AttributeValue.fromBool(true),
                            ":recording", RecordingItems.value(recording), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean removed(String callId, String tenantId) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                    .conditionExpression("tenantId = :tenant AND attribute_exists(#recording)")
                    .updateExpression("REMOVE #recording SET version = version + :one")
                    .expressionAttributeNames(Map.of("#recording", RecordingItems.RECORDING))
                    .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
