package io.outcall.core.store;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** Sparse index: only calls a bridge is dialing carry {@code liveOnBridge}. */
    public static final String BY_BRIDGE_INDEX = "byBridge";

    @Override
    public ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, Instant at) {
        try {
            UpdateItemResponse response = dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                    // The tenant check keeps a message that names the wrong tenant from dialing anything.
                    .conditionExpression("#status = :queued AND tenantId = :tenant")
                    .updateExpression("SET #status = :dialing, statusRank = :rank, tenantStatus = :tenantStatus,"
                            + " bridgeId = :bridge, liveOnBridge = :bridge, originateActionId = :action,"
                            + " dialedAt = :at, version = version + :one")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":queued", s(CallStatus.QUEUED.name()),
                            ":tenant", s(tenantId),
                            ":dialing", s(CallStatus.DIALING.name()),
                            ":rank", n(CallStatus.DIALING.rank()),
                            ":tenantStatus", s(CallItems.tenantStatus(tenantId, CallStatus.DIALING)),
                            ":bridge", s(bridgeId),
                            ":action", s(originateActionId),
                            ":at", s(at.toString()),
                            ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new ClaimResult(ClaimResult.Outcome.CLAIMED, CallItems.fromItem(response.attributes()), bridgeId, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old == null || old.isEmpty()) {
                return new ClaimResult(ClaimResult.Outcome.MISSING, null, null, null);
            }
            return new ClaimResult(ClaimResult.Outcome.NOT_QUEUED, CallItems.fromItem(old), Items.string(old, "bridgeId"),
                    Items.instant(old, "originatedAt"));
        }
    }

    @Override
    public void markOriginated(String callId, Instant at) {
        dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(callId)))
                .conditionExpression("attribute_exists(callId)")
                .updateExpression("SET originatedAt = :at")
                .expressionAttributeValues(Map.of(":at", s(at.toString()))));
    }

    @Override
    public boolean advance(CallProgress p) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        names.put("#status", "status");
        StringBuilder set = new StringBuilder("SET #status = :status, statusRank = :rank, tenantStatus = :tenantStatus,"
                + " version = version + :one");
        values.put(":status", s(p.status().name()));
        values.put(":rank", n(p.status().rank()));
        values.put(":tenantStatus", s(CallItems.tenantStatus(p.tenantId(), p.status())));
        values.put(":one", n(1));
        if (p.disposition() != null) {
            set.append(", disposition = :disposition");
            values.put(":disposition", s(p.disposition().name()));
        }
        if (p.hangupCause() != null) {
            set.append(", hangupCauseCode = :causeCode, hangupCauseText = :causeText");
            values.put(":causeCode", n(p.hangupCause().code()));
            values.put(":causeText", s(p.hangupCause().text() == null ? "" : p.hangupCause().text()));
        }
        appendIfPresent(set, values, "failureReason", p.failureReason());
        appendIfPresent(set, values, "ringingAt", p.ringingAt() == null ? null : p.ringingAt().toString());
        appendIfPresent(set, values, "answeredAt", p.answeredAt() == null ? null : p.answeredAt().toString());
        appendIfPresent(set, values, "endedAt", p.endedAt() == null ? null : p.endedAt().toString());
        appendIfPresent(set, values, "channel", p.channel());
        if (p.ringSeconds() != null) {
            set.append(", ringSeconds = :ringSeconds");
            values.put(":ringSeconds", n(p.ringSeconds()));
        }
        if (p.talkSeconds() != null) {
            set.append(", talkSeconds = :talkSeconds");
            values.put(":talkSeconds", n(p.talkSeconds()));
        }
        String update = p.status().isFinal() ? set + " REMOVE liveOnBridge" : set.toString();
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("callId", s(p.callId())))
                    .conditionExpression("attribute_exists(callId) AND statusRank < :rank")
                    .updateExpression(update)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<ClaimedCall> liveOnBridge(String bridgeId) {
        List<ClaimedCall> calls = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(BY_BRIDGE_INDEX)
                    .keyConditionExpression("liveOnBridge = :b")
                    .expressionAttributeValues(Map.of(":b", s(bridgeId)))
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> calls.add(new ClaimedCall(CallItems.fromItem(item), Items.string(item, "bridgeId"),
                    Items.instant(item, "originatedAt"))));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return calls;
    }

    private static void appendIfPresent(StringBuilder set, Map<String, AttributeValue> values, String name, String value) {
        if (value != null) {
            set.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, s(value));
        }
    }
}
