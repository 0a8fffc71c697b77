package io.outcall.core.dynamo;

import io.outcall.core.call.CallStatus;
import io.outcall.core.webhooks.Delivery;
import io.outcall.core.webhooks.DeliveryAttempt;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryState;
import io.outcall.core.webhooks.DeliveryStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.number;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * Deliveries under their endpoint: {@code d#<callId>.<rank>.<status>} holds one event's delivery and its
 * attempts, {@code c#<callId>} the highest status of the call the endpoint got. The sparse
 * {@code byCall} index (deliveryCallId) lists a call's deliveries. Items expire after 30 days.
 */
public final class DynamoDeliveryStore implements DeliveryStore {

    public static final String BY_CALL_INDEX = "byCall";
    private static final Duration KEPT = Duration.ofDays(30);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDeliveryStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * "d#CALLID.RANK.STATUS": an endpoint's deliveries sort by call (ids are time-ordered), then by
     * how far the call had got, so a page read backwards is newest first, in the order things happened.
     */
    private static Map<String, AttributeValue> deliveryKey(String endpointId, String eventId) {
        int dot = eventId.lastIndexOf('.');
        String rank = "?";
        if (dot > 0) {
            try {
                rank = Integer.toString(CallStatus.valueOf(eventId.substring(dot + 1)).rank());
            } catch (IllegalArgumentException notAStatus) {
                // Still a key, one no delivery has: a lookup finds nothing.
            }
        }
        String key = dot > 0 ? eventId.substring(0, dot) + "." + rank + eventId.substring(dot) : eventId;
        return Map.of("endpointId", s(endpointId), "deliveryKey", s("d#" + key));
    }

    @Override
    public Claim claim(DeliveryMessage m, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":chain", s(m.chainId()));
        values.put(":tenant", s(m.tenantId()));
        values.put(":call", s(m.callId()));
        values.put(":event", s(m.eventId()));
        values.put(":type", s(m.eventType()));
        values.put(":now", s(now.toString()));
        values.put(":pending", s(DeliveryState.PENDING.name()));
        values.put(":body", s(m.body()));
        values.put(":rank", n(m.statusRank()));
        values.put(":none", AttributeValue.fromL(List.of()));
        values.put(":expires", n(now.plus(KEPT).getEpochSecond()));
        try {
            var item = dynamoDb.updateItem(b -> b.tableName(table).key(deliveryKey(m.endpointId(), m.eventId()))
                    .conditionExpression("attribute_not_exists(deliveryKey) OR chainId = :chain")
                    .updateExpression("SET chainId = :chain, tenantId = :tenant, deliveryCallId = :call, eventId = :event,"
                            + " eventType = :type, createdAt = if_not_exists(createdAt, :now),"
                            + " #state = if_not_exists(#state, :pending), body = :body, statusRank = :rank,"
                            + " attempts = if_not_exists(attempts, :none), expiresAt = :expires")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return DeliveryState.valueOf(string(item, "state")).isFinal() ? Claim.FINISHED : Claim.OWNED;
        } catch (ConditionalCheckFailedException otherChain) {
            return Claim.DUPLICATE;
        }
    }

    @Override
    public void recordAttempt(DeliveryMessage m, DeliveryAttempt attempt, DeliveryState state, Instant nextAttemptAt) {
        Map<String, AttributeValue> a = new HashMap<>();
        a.put("at", s(attempt.at().toString()));
        a.put("statusCode", n(attempt.statusCode()));
        a.put("latencyMillis", n(attempt.latencyMillis()));
        if (attempt.error() != null) {
            a.put("error", s(attempt.error()));
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":attempt", AttributeValue.fromL(List.of(AttributeValue.fromM(a))));
        values.put(":state", s(state.name()));
        String set = "SET attempts = list_append(attempts, :attempt), #state = :state";
        if (nextAttemptAt != null) {
            values.put(":next", s(nextAttemptAt.toString()));
            set += ", nextAttemptAt = :next";
        }
        String update = set + (nextAttemptAt == null ? " REMOVE nextAttemptAt" : "");
        dynamoDb.updateItem(b -> b.tableName(table).key(deliveryKey(m.endpointId(), m.eventId()))
                .updateExpression(update).expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values));
    }

    @Override
    public void finish(DeliveryMessage m, DeliveryState state, String reason) {
        dynamoDb.updateItem(b -> b.tableName(table).key(deliveryKey(m.endpointId(), m.eventId()))
                .updateExpression("SET #state = :state, reason = :reason REMOVE nextAttemptAt")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":state", s(state.name()), ":reason", s(reason))));
    }

    @Override
    public int deliveredRank(String endpointId, String callId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("endpointId", s(endpointId), "deliveryKey", s("c#" + callId)))).item();
        return item == null || item.isEmpty() ? -1 : (int) number(item, "deliveredRank", -1);
    }

    @Override
    public void delivered(String endpointId, String callId, int rank) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of("endpointId", s(endpointId), "deliveryKey", s("c#" + callId)))
                    .conditionExpression("attribute_not_exists(deliveredRank) OR deliveredRank < :rank")
                    .updateExpression("SET deliveredRank = :rank, expiresAt = :expires")
                    .expressionAttributeValues(Map.of(":rank", n(rank),
                            ":expires", n(Instant.now().plus(KEPT).getEpochSecond()))));
        } catch (ConditionalCheckFailedException alreadyHigher) {
            // A higher status got there first; the rank only rises.
        }
    }

    @Override
    public Optional<Delivery> find(String endpointId, String eventId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true).key(deliveryKey(endpointId, eventId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(delivery(item));
    }

    @Override
    public List<Delivery> forCall(String callId) {
        List<Delivery> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamoDb.query(b -> b.tableName(table).indexName(BY_CALL_INDEX)
                    .keyConditionExpression("deliveryCallId = :c").expressionAttributeValues(Map.of(":c", s(callId)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> found.add(delivery(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    @Override
    public DeliveryPage page(String endpointId, int limit, String afterEventId) {
        Map<String, AttributeValue> start = afterEventId == null ? null : deliveryKey(endpointId, afterEventId);
        var page = dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("endpointId = :e AND begins_with(deliveryKey, :d)")
                .expressionAttributeValues(Map.of(":e", s(endpointId), ":d", s("d#")))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
        List<Delivery> found = page.items().stream().map(DynamoDeliveryStore::delivery).toList();
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !found.isEmpty();
        return new DeliveryPage(found, more ? found.get(found.size() - 1).eventId() : null);
    }

    @Override
    public Optional<Resendable> reopen(String endpointId, String eventId, String chainId) {
        try {
            var item = dynamoDb.updateItem(b -> b.tableName(table).key(deliveryKey(endpointId, eventId))
                    .conditionExpression("attribute_exists(deliveryKey) AND #state <> :pending")
                    .updateExpression("SET chainId = :chain, #state = :pending REMOVE reason")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":chain", s(chainId), ":pending", s(DeliveryState.PENDING.name())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(new Resendable(delivery(item), string(item, "body"), (int) number(item, "statusRank", 0)));
        } catch (ConditionalCheckFailedException absentOrPending) {
            return Optional.empty();
        }
    }

    static Delivery delivery(Map<String, AttributeValue> item) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        for (AttributeValue a : item.get("attempts").l()) {
            Map<String, AttributeValue> m = a.m();
            attempts.add(new DeliveryAttempt(instant(m, "at"), (int) number(m, "statusCode", 0),
                    number(m, "latencyMillis", 0), string(m, "error")));
        }
        return new Delivery(string(item, "endpointId"), string(item, "eventId"), string(item, "tenantId"),
                string(item, "deliveryCallId"), string(item, "eventType"), DeliveryState.valueOf(string(item, "state")),
                string(item, "reason"), attempts, instant(item, "createdAt"), instant(item, "nextAttemptAt"));
    }
}
