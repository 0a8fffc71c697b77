package io.outcall.core.dynamo;

import io.outcall.core.events.WebhookSecret;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.webhooks.SigningKey;
import io.outcall.core.webhooks.WebhookEndpoint;
import io.outcall.core.webhooks.WebhookEndpointStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * A tenant's endpoints in one partition (tenantId, endpointId), so the publisher reads all of a
 * tenant's endpoints with one query. Keys are stored as the whsec_ text under the table's
 * encryption at rest; nothing else reads them. A tenant's change is written with its audit entry
 * (in the tenants table, as every tenant change) in one transaction.
 */
public final class DynamoWebhookEndpointStore implements WebhookEndpointStore {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String auditTable;

    /** @param auditTable the tenants table, where the tenant's audit entries live */
    public DynamoWebhookEndpointStore(DynamoDbClient dynamoDb, String table, String auditTable) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.auditTable = auditTable;
    }

    @Override
    public void save(WebhookEndpoint endpoint) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(endpoint)));
    }

    @Override
    public void save(WebhookEndpoint endpoint, AuditEntry audit) {
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item(endpoint))).build(),
                TransactWriteItem.builder().put(AuditItems.put(auditTable, audit)).build()));
    }

    @Override
    public void delete(String tenantId, String endpointId, AuditEntry audit) {
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(Map.of("tenantId", s(tenantId), "endpointId", s(endpointId)))).build(),
                TransactWriteItem.builder().put(AuditItems.put(auditTable, audit)).build()));
    }

    private static Map<String, AttributeValue> item(WebhookEndpoint endpoint) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(endpoint.tenantId()));
        item.put("endpointId", s(endpoint.endpointId()));
        item.put("url", s(endpoint.url().toString()));
        item.put("eventTypes", AttributeValue.fromSs(List.copyOf(endpoint.eventTypes())));
        item.put("active", AttributeValue.fromBool(endpoint.active()));
        List<AttributeValue> keys = new ArrayList<>();
        for (SigningKey key : endpoint.keys()) {
            Map<String, AttributeValue> k = new HashMap<>();
            k.put("secret", s(key.secret().value()));
            putIfPresent(k, "createdAt", key.createdAt());
            putIfPresent(k, "retiresAt", key.retiresAt());
            keys.add(AttributeValue.fromM(k));
        }
        item.put("keys", AttributeValue.fromL(keys));
        putIfPresent(item, "createdAt", endpoint.createdAt());
        putIfPresent(item, "failingSince", endpoint.failingSince());
        putIfPresent(item, "disabledReason", endpoint.disabledReason());
        return item;
    }

    @Override
    public Optional<WebhookEndpoint> find(String tenantId, String endpointId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("tenantId", s(tenantId), "endpointId", s(endpointId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(endpoint(item));
    }

    @Override
    public List<WebhookEndpoint> list(String tenantId) {
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", s(tenantId))).exclusiveStartKey(from));
            page.items().forEach(item -> endpoints.add(endpoint(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return endpoints;
    }

    @Override
    public void delete(String tenantId, String endpointId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of("tenantId", s(tenantId), "endpointId", s(endpointId))));
    }

    private static WebhookEndpoint endpoint(Map<String, AttributeValue> item) {
        List<SigningKey> keys = new ArrayList<>();
        for (AttributeValue k : item.get("keys").l()) {
            keys.add(new SigningKey(WebhookSecret.parse(string(k.m(), "secret")), instant(k.m(), "createdAt"),
                    instant(k.m(), "retiresAt")));
        }
        return new WebhookEndpoint(string(item, "tenantId"), string(item, "endpointId"), URI.create(string(item, "url")),
                Set.copyOf(item.get("eventTypes").ss()), item.get("active").bool(), keys, instant(item, "createdAt"),
                instant(item, "failingSince"), string(item, "disabledReason"));
    }
}
