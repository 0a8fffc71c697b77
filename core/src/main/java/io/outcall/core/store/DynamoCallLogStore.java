package io.outcall.core.store;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.calllog.CallLogFilter;
import io.outcall.core.calllog.CallLogStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.outcall.core.store.Items.s;

/**
 * The call log on the CallsTable's tenant indexes. Each index is keyed by a tenant-scoped value
 * and sorted by call id, and call ids sort by creation time, so "newest first between from and to"
 * is a descending key-range query. The most selective filter picks the index (journey, number,
 * status, disposition, else all of the tenant's calls); any other filter is applied to what the
 * index returns.
 */
public final class DynamoCallLogStore implements CallLogStore {

    /** The CallsTable indexes the call log reads; template.yaml must define each. */
    public static final List<String> INDEXES = List.of("byTenant", "byTenantStatus", "byTenantDisposition",
            "byTenantNumber", "byTenantJourney");

    private record IndexChoice(String index, String keyAttribute, String keyValue) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoCallLogStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public CallPage page(String tenantId, CallLogFilter filter, int limit, String afterCallId, int maxItemsRead) {
        IndexChoice choice = choose(tenantId, filter);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#key", choice.keyAttribute());
        values.put(":key", s(choice.keyValue()));
        values.put(":lower", s(filter.from() == null ? CallId.lowerBound(Instant.EPOCH) : CallId.lowerBound(filter.from())));
        values.put(":upper", s(filter.to() == null ? CallId.upperBound(Instant.ofEpochMilli((1L << 48) - 1))
                : CallId.upperBound(lastMillisBefore(filter.to()))));
        String residual = residualFilter(choice, filter, tenantId, names, values);

        List<Call> calls = new ArrayList<>(limit);
        int itemsRead = 0;
        String position = afterCallId;
        while (true) {
            Map<String, AttributeValue> startKey = position == null ? null
                    : Map.of("callId", s(position), choice.keyAttribute(), s(choice.keyValue()));
            // Served by the index alone, a query asks for exactly what the page still needs, so
            // nothing is read that is not returned. With a residual filter it asks for a whole
            // page each round: fewer round trips, at the cost of re-reading, on the next page, the
            // few items read after the last one returned.
            int wanted = residual == null ? limit - calls.size() : limit;
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(choice.index())
                    .keyConditionExpression("#key = :key AND callId BETWEEN :lower AND :upper")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(Math.min(wanted, maxItemsRead - itemsRead))
                    .exclusiveStartKey(startKey);
            if (residual != null) {
                request.filterExpression(residual);
            }
            QueryResponse response = dynamoDb.query(request.build());
            itemsRead += response.scannedCount();
            for (Map<String, AttributeValue> item : response.items()) {
                if (calls.size() == limit) {
                    return new CallPage(calls, calls.getLast().callId(), itemsRead);
                }
                calls.add(CallItems.fromItem(item));
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new CallPage(calls, null, itemsRead);
            }
            position = Items.string(response.lastEvaluatedKey(), "callId");
            if (calls.size() >= limit || itemsRead >= maxItemsRead) {
                return new CallPage(calls, position, itemsRead);
            }
        }
    }

    private static IndexChoice choose(String tenantId, CallLogFilter filter) {
        if (filter.journeyId() != null) {
            return new IndexChoice("byTenantJourney", "tenantJourney", CallItems.tenantJourney(tenantId, filter.journeyId()));
        }
        if (filter.number() != null) {
            return new IndexChoice("byTenantNumber", "tenantTo", CallItems.tenantTo(tenantId, filter.number()));
        }
        if (filter.status() != null) {
            return new IndexChoice("byTenantStatus", "tenantStatus", CallItems.tenantStatus(tenantId, filter.status()));
        }
        if (filter.disposition() != null) {
            return new IndexChoice("byTenantDisposition", "tenantDisposition",
                    CallItems.tenantDisposition(tenantId, filter.disposition()));
        }
        return new IndexChoice("byTenant", "tenantId", tenantId);
    }

    /** The filters the chosen index does not key on, as a FilterExpression; null when there are none. */
    private static String residualFilter(IndexChoice choice, CallLogFilter filter, String tenantId,
                                         Map<String, String> names, Map<String, AttributeValue> values) {
        List<String> conditions = new ArrayList<>();
        if (filter.number() != null && !choice.keyAttribute().equals("tenantTo")) {
            conditions.add("tenantTo = :number");
            values.put(":number", s(CallItems.tenantTo(tenantId, filter.number())));
        }
        if (filter.status() != null && !choice.keyAttribute().equals("tenantStatus")) {
            conditions.add("tenantStatus = :status");
            values.put(":status", s(CallItems.tenantStatus(tenantId, filter.status())));
        }
        if (filter.disposition() != null && !choice.keyAttribute().equals("tenantDisposition")) {
            conditions.add("tenantDisposition = :disposition");
            values.put(":disposition", s(CallItems.tenantDisposition(tenantId, filter.disposition())));
        }
        return conditions.isEmpty() ? null : String.join(" AND ", conditions);
    }

    /** Ids carry milliseconds: the last millisecond that is still before {@code to}. */
    private static Instant lastMillisBefore(Instant to) {
        Instant truncated = Instant.ofEpochMilli(to.toEpochMilli());
        return truncated.equals(to) ? truncated.minusMillis(1) : truncated;
    }
}
