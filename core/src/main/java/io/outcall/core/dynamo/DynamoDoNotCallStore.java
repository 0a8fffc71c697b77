package io.outcall.core.dynamo;

import io.outcall.core.dnc.DncEntry;
import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallStore;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * The do-not-call lists in TenantsTable, one item a number: partition {@code dnc#t#<tenant>} for a
 * tenant's list, {@code dnc#platform} for the platform's (no tenant id has a {@code #}), sort key
 * the E.164 number. A lookup is one consistent BatchGetItem of the two keys a number can have, the
 * same two reads with ten numbers listed or a million; listings are queries of one partition in
 * number order.
 */
public final class DynamoDoNotCallStore implements DoNotCallStore {

    private static final int BATCH_WRITE_MAX = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDoNotCallStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static String partition(DncList list, String tenantId) {
        return list == DncList.TENANT ? "dnc#t#" + tenantId : "dnc#platform";
    }

    private static Map<String, AttributeValue> key(DncList list, String tenantId, String number) {
        return Map.of("tenantId", s(partition(list, tenantId)), "sk", s(number));
    }

    @Override
    public Optional<DncList> listed(String tenantId, String number) {
        return Optional.ofNullable(listedAmong(tenantId, List.of(number)).get(number));
    }

    /** The tenant's list wins where both hold a number: it is the one its admin can act on. */
    @Override
    public Map<String, DncList> listedAmong(String tenantId, Collection<String> numbers) {
        Map<String, DncList> listed = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>(numbers.size() * 2);
        for (String number : new HashSet<>(numbers)) {
            keys.add(key(DncList.PLATFORM, tenantId, number));
            keys.add(key(DncList.TENANT, tenantId, number));
        }
        for (Map<String, AttributeValue> item : read(keys)) {
            DncList list = item.get("tenantId").s().equals(partition(DncList.PLATFORM, tenantId))
                    ? DncList.PLATFORM : DncList.TENANT;
            listed.merge(item.get("sk").s(), list, (a, b) -> a == DncList.TENANT ? a : b);
        }
        return listed;
    }

    @Override
    public Set<String> present(DncList list, String tenantId, Collection<String> numbers) {
        Set<String> present = new HashSet<>();
        read(numbers.stream().map(n -> key(list, tenantId, n)).toList())
                .forEach(item -> present.add(item.get("sk").s()));
        return present;
    }

    /** Consistent reads, a hundred keys a request; unprocessed keys asked again. */
    private List<Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys) {
        return CallBatchReads.readKeys(dynamoDb, table, keys, true, "do-not-call numbers");
    }

    @Override
    public boolean add(DncEntry entry, AuditEntry audit) {
        return writeAudited(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(entry))
                .conditionExpression("attribute_not_exists(sk)").build()).build(), audit);
    }

    @Override
    public boolean remove(DncList list, String tenantId, String number, AuditEntry audit) {
        return writeAudited(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key(list, tenantId, number)).conditionExpression("attribute_exists(sk)").build()).build(), audit);
    }

    /** {@code change} and its audit entry in one transaction; false when the change's condition failed. */
    private boolean writeAudited(TransactWriteItem change, AuditEntry audit) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(change,
                    TransactWriteItem.builder().put(AuditItems.put(table, audit)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (AuditItems.firstConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<DncEntry> find(DncList list, String tenantId, String number) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(list, tenantId, number))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(list, tenantId, item));
    }

    @Override
    public Page<DncEntry> page(DncList list, String tenantId, String afterNumber, int limit) {
        String partition = partition(list, tenantId);
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("tenantId = :p")
                .expressionAttributeValues(Map.of(":p", s(partition))).limit(limit)
                .exclusiveStartKey(afterNumber == null ? null : Map.of("tenantId", s(partition), "sk", s(afterNumber))));
        List<DncEntry> entries = page.items().stream().map(i -> entry(list, tenantId, i)).toList();
        String next = page.hasLastEvaluatedKey() && !page.items().isEmpty() ? page.items().getLast().get("sk").s() : null;
        return new Page<>(entries, next);
    }

    @Override
    public void putAll(List<DncEntry> entries) {
        for (int from = 0; from < entries.size(); from += BATCH_WRITE_MAX) {
            List<WriteRequest> writes = entries.subList(from, Math.min(entries.size(), from + BATCH_WRITE_MAX)).stream()
                    .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(item(e)).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> request = Map.of(table, writes);
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> asked = request;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(asked));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!request.isEmpty()) {
                    // Past the last attempt this throws StillThrottledException: transient, the import is retried whole.
                    UnprocessedRetries.pauseAfter(attempt, request.getOrDefault(table, List.of()).size(),
                            "do-not-call numbers");
                }
            }
        }
    }

    @Override
    public void audit(AuditEntry audit) {
        Put put = AuditItems.put(table, audit);
        dynamoDb.putItem(b -> b.tableName(table).item(put.item()).conditionExpression(put.conditionExpression()));
    }

    private static Map<String, AttributeValue> item(DncEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(entry.list(), entry.tenantId(), entry.number()));
        putIfPresent(item, "reason", entry.reason());
        putIfPresent(item, "addedAt", entry.addedAt());
        putIfPresent(item, "addedBy", entry.addedBy());
        putIfPresent(item, "source", entry.source());
        putIfPresent(item, "callId", entry.callId());
        return item;
    }

    private static DncEntry entry(DncList list, String tenantId, Map<String, AttributeValue> item) {
        return new DncEntry(list, list == DncList.TENANT ? tenantId : null, item.get("sk").s(), string(item, "reason"),
                instant(item, "addedAt"), string(item, "addedBy"), string(item, "source"), string(item, "callId"));
    }
}
