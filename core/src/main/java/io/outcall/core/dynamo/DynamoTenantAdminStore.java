package io.outcall.core.dynamo;

import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.Page;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantAdminStore;
import io.outcall.core.tenant.TenantChangedException;
import io.outcall.core.tenant.TenantExistsException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * Tenants in TenantsTable as the admin API writes them. Beside each tenant's own partition, two
 * kinds of partitions no tenant id can name (they hold a '#'): {@code #tenants}, one item per
 * tenant id, which the platform's listing pages through; and {@code audit#<tenant>}, the tenant's
 * audit entries, kept out of the tenant's partition so the call path's one query never reads them.
 */
public final class DynamoTenantAdminStore implements TenantAdminStore {

    static final String REGISTRY = "#tenants";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoTenantAdminStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(TenantItems.key(tenantId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TenantItems.tenant(tenantId, item));
    }

    @Override
    public void create(Tenant tenant, AuditEntry audit) {
        Put tenantPut = Put.builder().tableName(table).item(TenantItems.item(tenant))
                .conditionExpression("attribute_not_exists(tenantId)").build();
        Put registryPut = Put.builder().tableName(table)
                .item(Map.of("tenantId", s(REGISTRY), "sk", s(tenant.tenantId()))).build();
        try {
            transact(tenantPut, registryPut, AuditItems.put(table, audit));
        } catch (TransactionCanceledException e) {
            if (AuditItems.firstConditionFailed(e)) {
                throw new TenantExistsException(tenant.tenantId(), e);
            }
            throw e;
        }
    }

    @Override
    public void update(Tenant tenant, long expectedVersion, AuditEntry audit) {
        Map<String, AttributeValue> item = TenantItems.item(tenant);
        item.put("version", n(expectedVersion + 1));
        Put tenantPut = Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_exists(tenantId) AND (version = :seen OR (attribute_not_exists(version) AND :seen = :zero))")
                .expressionAttributeValues(Map.of(":seen", n(expectedVersion), ":zero", n(0))).build();
        try {
            transact(tenantPut, AuditItems.put(table, audit));
        } catch (TransactionCanceledException e) {
            if (AuditItems.firstConditionFailed(e)) {
                throw new TenantChangedException(tenant.tenantId(), expectedVersion, e);
            }
            throw e;
        }
    }

    private void transact(Put... puts) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (Put put : puts) {
            items.add(TransactWriteItem.builder().put(put).build());
        }
        dynamoDb.transactWriteItems(b -> b.transactItems(items));
    }

    @Override
    public Page<Tenant> list(String afterId, int limit) {
        QueryResponse ids = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("tenantId = :r")
                .expressionAttributeValues(Map.of(":r", s(REGISTRY))).limit(limit)
                .exclusiveStartKey(afterId == null ? null : Map.of("tenantId", s(REGISTRY), "sk", s(afterId))));
        List<String> tenantIds = ids.items().stream().map(i -> i.get("sk").s()).toList();
        Map<String, Tenant> byId = new HashMap<>();
        List<Map<String, AttributeValue>> keys = tenantIds.stream().map(TenantItems::key).toList();
        Map<String, KeysAndAttributes> pending = keys.isEmpty() ? Map.of()
                : Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> request = pending;
            var response = dynamoDb.batchGetItem(b -> b.requestItems(request));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                byId.put(item.get("tenantId").s(), TenantItems.tenant(item.get("tenantId").s(), item));
            }
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (!pending.isEmpty()) {
                UnprocessedRetries.pauseAfter(attempt, pending.get(table).keys().size(), "tenants");
            }
        }
        List<Tenant> tenants = tenantIds.stream().filter(byId::containsKey).map(byId::get).toList();
        String next = ids.hasLastEvaluatedKey() && !ids.lastEvaluatedKey().isEmpty() && !tenantIds.isEmpty()
                ? tenantIds.getLast() : null;
        return new Page<>(tenants, next);
    }

    @Override
    public Page<AuditEntry> audit(String tenantId, String afterKey, int limit) {
        String partition = AuditItems.partition(tenantId);
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("tenantId = :a")
                .expressionAttributeValues(Map.of(":a", s(partition))).scanIndexForward(false).limit(limit)
                .exclusiveStartKey(afterKey == null ? null : Map.of("tenantId", s(partition), "sk", s(afterKey))));
        List<AuditEntry> entries = page.items().stream().map(i -> AuditItems.entry(tenantId, i)).toList();
        String next = page.hasLastEvaluatedKey() && !page.items().isEmpty() ? page.items().getLast().get("sk").s() : null;
        return new Page<>(entries, next);
    }
}
