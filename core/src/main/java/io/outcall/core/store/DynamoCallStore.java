package io.outcall.core.store;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.store.Items.n;
import static io.outcall.core.store.Items.s;

public final class DynamoCallStore implements CallStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoCallStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(Call call) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(CallItems.toItem(call))
                    .conditionExpression("attribute_not_exists(callId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new CallAlreadyExistsException(call.callId(), e);
        }
    }

    @Override
    public Optional<Call> find(String callId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CallItems.fromItem(item));
    }

    @Override
    public boolean fail(Call call, String reason, Instant at) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(call.callId())))
                    .conditionExpression("#status = :expected")
                    .updateExpression("SET #status = :failed, statusRank = :rank, tenantStatus = :tenantStatus,"
                            + " disposition = :disposition, failureReason = :reason, endedAt = :at,"
                            + " version = version + :one")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":expected", s(call.status().name()),
                            ":failed", s(CallStatus.FAILED.name()),
                            ":rank", n(CallStatus.FAILED.rank()),
                            ":tenantStatus", s(CallItems.tenantStatus(call.tenantId(), CallStatus.FAILED)),
                            ":disposition", s(Disposition.FAILED.name()),
                            ":reason", s(reason),
                            ":at", s(at.toString()),
                            ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
