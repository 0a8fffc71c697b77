package io.outcall.core.dynamo;

import io.outcall.core.recording.Recording;
import io.outcall.core.recording.RecordingStore;
import io.outcall.core.tenant.AuditEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.Map;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * The recording field of CallsTable items. Each write is conditional on the call's tenant and on
 * what it changes, and bumps the version as the bridge's other writes do, so the calls stream
 * sees it as one change. A deletion leaves {@code recordingDeletedAt}, which no later upload passes.
 */
public final class DynamoRecordingStore implements RecordingStore {

    private static final Map<String, String> NAMES = Map.of("#record", RecordingItems.RECORD,
            "#recording", RecordingItems.RECORDING);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String auditTable;

    /** For the bridge, which only stores recordings. */
    public DynamoRecordingStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, null);
    }

    /** @param auditTable TenantsTable, where a deletion's audit entry goes */
    public DynamoRecordingStore(DynamoDbClient dynamoDb, String table, String auditTable) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.auditTable = auditTable;
    }

    @Override
    public boolean stored(String callId, String tenantId, Recording recording) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                    .conditionExpression("tenantId = :tenant AND #record = :true AND attribute_not_exists(#recording)"
                            + " AND attribute_not_exists(recordingDeletedAt)")
                    .updateExpression("SET #recording = :recording, version = version + :one")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":true", AttributeValue.fromBool(true),
                            ":recording", RecordingItems.value(recording), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean removed(String callId, String tenantId, AuditEntry audit) {
        if (auditTable == null) {
            throw new IllegalStateException("this store was built without the audit table (TenantsTable)");
        }
        Update remove = Update.builder().tableName(table).key(Map.of("callId", s(callId)))
                .conditionExpression("tenantId = :tenant AND attribute_exists(#recording)")
                .updateExpression("REMOVE #recording SET recordingDeletedAt = :at, version = version + :one")
                .expressionAttributeNames(Map.of("#recording", RecordingItems.RECORDING))
                .expressionAttributeValues(Map.of(":tenant", s(tenantId), ":at", s(audit.at().toString()), ":one", n(1)))
                .build();
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(remove).build(),
                    TransactWriteItem.builder().put(AuditItems.put(auditTable, audit)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (AuditItems.firstConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }
}
