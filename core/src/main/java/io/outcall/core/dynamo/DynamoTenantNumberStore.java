package io.outcall.core.dynamo;

import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.NumberKind;
import io.outcall.core.tenant.NumberTakenException;
import io.outcall.core.tenant.TenantNumber;
import io.outcall.core.tenant.TenantNumberStore;
import io.outcall.core.tenant.UnknownTenantException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.integer;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * DIDs ({@code DID#<id>}) and transfer numbers ({@code TRANSFER#<id>}) in their tenant's partition,
 * where the call path's one query reads them. A DID's number is claimed platform-wide by an item
 * {@code number#<E.164>} written in the same transaction, so two tenants can never both add it.
 */
public final class DynamoTenantNumberStore implements TenantNumberStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoTenantNumberStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void add(TenantNumber number, AuditEntry audit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(TenantItems.key(number.tenantId())).conditionExpression("attribute_exists(tenantId)").build()).build());
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(number))
                .conditionExpression("attribute_not_exists(sk)").build()).build());
        writes.add(TransactWriteItem.builder().put(AuditItems.put(table, audit)).build());
        if (number.kind().exclusive()) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(Map.of("tenantId", s("number#" + number.number()), "sk", s("OWNER"),
                            "owner", s(number.tenantId()), number.kind().idField(), s(number.id())))
                    .conditionExpression("attribute_not_exists(tenantId)").build()).build());
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (failed(reasons, 0)) {
                throw new UnknownTenantException(number.tenantId());
            }
            if (failed(reasons, 3)) {
                throw new NumberTakenException(number.number(), e);
            }
            throw e;
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    @Override
    public List<TenantNumber> list(String tenantId, NumberKind kind) {
        List<TenantNumber> numbers = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("tenantId = :t AND begins_with(sk, :kind)")
                    .expressionAttributeValues(Map.of(":t", s(tenantId), ":kind", s(kind.sortKeyPrefix())))
                    .consistentRead(true).exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> numbers.add(number(kind, tenantId, item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return numbers;
    }

    @Override
    public Optional<TenantNumber> find(String tenantId, NumberKind kind, String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(tenantId, kind, id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(number(kind, tenantId, item));
    }

    @Override
    public void update(TenantNumber number, AuditEntry audit) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        values.put(":active", AttributeValue.fromBool(number.active()));
        set.add("active = :active");
        assign("label", number.label() == null ? null : s(number.label()), set, remove, values);
        assign("callerName", number.callerName() == null ? null : s(number.callerName()), set, remove, values);
        assign("weight", number.weight() == null ? null : n(number.weight()), set, remove, values);
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        Update update = Update.builder().tableName(table).key(key(number.tenantId(), number.kind(), number.id()))
                .conditionExpression("attribute_exists(sk)").updateExpression(expression)
                .expressionAttributeValues(values).build();
        dynamoDb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(update).build(),
                TransactWriteItem.builder().put(AuditItems.put(table, audit)).build()));
    }

    private static void assign(String name, AttributeValue value, List<String> set, List<String> remove,
                               Map<String, AttributeValue> values) {
        if (value == null) {
            remove.add(name);
        } else {
            set.add(name + " = :" + name);
            values.put(":" + name, value);
        }
    }

    private static Map<String, AttributeValue> key(String tenantId, NumberKind kind, String id) {
        return Map.of("tenantId", s(tenantId), "sk", s(kind.sortKeyPrefix() + id));
    }

    /** The same attributes the call path reads a DID by ({@link DynamoTenantStore}), plus label and weight. */
    private static Map<String, AttributeValue> item(TenantNumber number) {
        Map<String, AttributeValue> item = new HashMap<>(key(number.tenantId(), number.kind(), number.id()));
        item.put(number.kind().idField(), s(number.id()));
        item.put("number", s(number.number()));
        putIfPresent(item, "label", number.label());
        putIfPresent(item, "callerName", number.callerName());
        putIfPresent(item, "weight", number.weight());
        item.put("active", AttributeValue.fromBool(number.active()));
        if (number.kind() == NumberKind.DID) {
            item.put("useCount", n(0));
        }
        return item;
    }

    private static TenantNumber number(NumberKind kind, String tenantId, Map<String, AttributeValue> item) {
        return new TenantNumber(kind, tenantId, string(item, kind.idField()), string(item, "number"),
                string(item, "label"), string(item, "callerName"), integer(item, "weight"),
                item.get("active") == null || item.get("active").bool(), instant(item, "lastUsedAt"),
                Items.number(item, "useCount", 0));
    }
}
