package io.outcall.core.dynamo;

import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.NumberKind;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TenantStore;
import io.outcall.core.tenant.TransferNumber;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.number;
import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * One partition per tenant: the tenant's settings under sort key {@code TENANT} and one item per
 * DID under {@code DID#<didId>}, so a single query reads the whole caller-ID pool, or the pool
 * and the settings together.
 */
public final class DynamoTenantStore implements TenantStore {

    private static final String TENANT_SK = TenantItems.TENANT_SK;
    private static final String DID_PREFIX = NumberKind.DID.sortKeyPrefix();
    private static final String TRANSFER_PREFIX = NumberKind.TRANSFER.sortKeyPrefix();

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoTenantStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * One query for the whole partition: the tenant item, its DIDs and its transfer numbers come
     * back together. Active transfer numbers added through the admin API join those the tenant
     * item lists (tenants written before the API).
     */
    @Override
    public Optional<TenantProfile> profile(String tenantId) {
        Tenant tenant = null;
        List<Did> dids = new ArrayList<>();
        List<TransferNumber> transfers = new ArrayList<>();
        for (Map<String, AttributeValue> item : query("tenantId = :t", Map.of(":t", s(tenantId)))) {
            String sk = string(item, "sk");
            if (TENANT_SK.equals(sk)) {
                tenant = TenantItems.tenant(tenantId, item);
            } else if (sk != null && sk.startsWith(DID_PREFIX)) {
                dids.add(did(tenantId, item));
            } else if (sk != null && sk.startsWith(TRANSFER_PREFIX) && isActive(item)) {
                transfers.add(new TransferNumber(string(item, "number"), (int) number(item, "weight", 1)));
            }
        }
        if (tenant == null) {
            return Optional.empty();
        }
        return Optional.of(new TenantProfile(transfers.isEmpty() ? tenant : tenant.withMoreTransferNumbers(transfers), dids));
    }

    private static boolean isActive(Map<String, AttributeValue> item) {
        return item.get("active") == null || item.get("active").bool();
    }

    @Override
    public List<Did> dids(String tenantId) {
        List<Did> dids = new ArrayList<>();
        for (Map<String, AttributeValue> item : query("tenantId = :t AND begins_with(sk, :did)",
                Map.of(":t", s(tenantId), ":did", s(DID_PREFIX)))) {
            dids.add(did(tenantId, item));
        }
        return dids;
    }

    /** Every item the key condition selects, page after page; consistent, as DIDs change with every call. */
    private List<Map<String, AttributeValue>> query(String keyCondition, Map<String, AttributeValue> values) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values)
                    .consistentRead(true)
                    .exclusiveStartKey(exclusiveStart));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Did did(String tenantId, Map<String, AttributeValue> item) {
        return new Did(tenantId, string(item, "didId"), string(item, "number"), string(item, "callerName"),
                isActive(item), instant(item, "lastUsedAt"),
                number(item, "useCount", 0));
    }

    @Override
    public boolean markUsed(Did did, Instant now) {
        try {
            // useCount only ever grows, so it tells whether anyone used the DID since it was read,
            // even when two uses land on the same instant (lastUsedAt alone would not).
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of("tenantId", s(did.tenantId()), "sk", s(DID_PREFIX + did.didId())))
                    .conditionExpression("attribute_exists(sk) AND (useCount = :seen OR (attribute_not_exists(useCount) AND :seen = :zero))")
                    .updateExpression("SET lastUsedAt = :now, useCount = if_not_exists(useCount, :zero) + :one")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":one", n(1), ":zero", n(0),
                            ":seen", n(did.useCount()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void recordUse(Did did, Instant now) {
        recordUses(did, 1, now);
    }

    @Override
    public void recordUses(Did did, int uses, Instant now) {
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(Map.of("tenantId", s(did.tenantId()), "sk", s(DID_PREFIX + did.didId())))
                .conditionExpression("attribute_exists(sk)")
                .updateExpression("SET lastUsedAt = :now, useCount = if_not_exists(useCount, :zero) + :uses")
                .expressionAttributeValues(Map.of(":now", s(now.toString()), ":uses", n(uses), ":zero", n(0))));
    }

    @Override
    public void put(Tenant tenant) {
        dynamoDb.putItem(b -> b.tableName(table).item(TenantItems.item(tenant)));
    }

    @Override
    public void put(Did did) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(did.tenantId()));
        item.put("sk", s(DID_PREFIX + did.didId()));
        item.put("didId", s(did.didId()));
        item.put("number", s(did.number()));
        putIfPresent(item, "callerName", did.callerName());
        item.put("active", AttributeValue.fromBool(did.active()));
        putIfPresent(item, "lastUsedAt", did.lastUsedAt());
        item.put("useCount", n(did.useCount()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }
}
