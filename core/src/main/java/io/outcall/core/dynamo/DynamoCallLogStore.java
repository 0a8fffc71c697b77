package io.outcall.core.dynamo;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.calllog.CallLogFilter;
import io.outcall.core.calllog.CallLogStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.outcall.core.dynamo.Items.s;

/**
 * The call log on the CallsTable's tenant indexes. Each index is keyed by a tenant-scoped value
 * and sorted by call id, and call ids sort by creation time, so "newest first between from and to"
 * is a descending key-range query. The most selective filter picks the index (journey, number,
 * status, disposition, else all of the tenant's calls).
 *
 * <p>The indexes project keys only. A call is written four or five times in its life and read in
 * a log now and then, so the indexes stay write-once where their key never changes (tenant,
 * number, journey, disposition) instead of copying every update of every call; a page costs one
 * query for its ids and one batch read of the calls. The calls read are matched against the whole
 * filter, which also drops a call whose status moved on since the index saw it.
 */
public final class DynamoCallLogStore implements CallLogStore {

    /** The CallsTable indexes the call log reads; template.yaml must define each. */
    public static final List<String> INDEXES = List.of("byTenant", "byTenantStatus", "byTenantDisposition",
            "byTenantNumber", "byTenantJourney", "byTenantAnsweredBy");

    private record IndexChoice(String index, String keyAttribute, String keyValue, boolean coversFilter) {
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
        Map<String, AttributeValue> values = Map.of(
                ":key", s(choice.keyValue()),
                ":lower", s(filter.from() == null ? CallId.lowerBound(Instant.EPOCH) : CallId.lowerBound(filter.from())),
                ":upper", s(filter.to() == null ? CallId.upperBound(Instant.ofEpochMilli((1L << 48) - 1))
                        : CallId.upperBound(lastMillisBefore(filter.to()))));
        List<Call> calls = new ArrayList<>(limit);
        int itemsRead = 0;
        String position = afterCallId;
        while (true) {
            Map<String, AttributeValue> startKey = position == null ? null
                    : Map.of("callId", s(position), choice.keyAttribute(), s(choice.keyValue()));
            // When the index alone decides the filter, ask for exactly what the page still needs.
            // Otherwise ask for a whole page each round: fewer round trips, at the cost of reading
            // again, on the next page, the few ids read after the last call returned.
            int wanted = choice.coversFilter() ? limit - calls.size() : limit;
            int queryLimit = Math.max(1, Math.min(wanted, (maxItemsRead - itemsRead) / 2));
            QueryResponse ids = dynamoDb.query(b -> b.tableName(table).indexName(choice.index())
                    .keyConditionExpression("#key = :key AND callId BETWEEN :lower AND :upper")
                    .expressionAttributeNames(Map.of("#key", choice.keyAttribute()))
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(queryLimit)
                    .exclusiveStartKey(startKey));
            itemsRead += ids.scannedCount();
            List<String> callIds = ids.items().stream().map(item -> item.get("callId").s()).toList();
            Map<String, Call> read = read(callIds);
            itemsRead += read.size();
            for (String callId : callIds) {
                Call call = read.get(callId);
                if (call == null || !call.tenantId().equals(tenantId) || !filter.matches(call)) {
                    continue;
                }
                if (calls.size() == limit) {
                    return new CallPage(calls, calls.getLast().callId(), itemsRead);
                }
                calls.add(call);
            }
            if (!ids.hasLastEvaluatedKey() || ids.lastEvaluatedKey().isEmpty()) {
                return new CallPage(calls, null, itemsRead);
            }
            position = Items.string(ids.lastEvaluatedKey(), "callId");
            if (calls.size() >= limit || itemsRead >= maxItemsRead) {
                return new CallPage(calls, position, itemsRead);
            }
        }
    }

    /** The calls of a page of ids, by id. */
    private Map<String, Call> read(List<String> callIds) {
        Map<String, Call> calls = new HashMap<>();
        CallBatchReads.read(dynamoDb, table, callIds, false).forEach(item -> calls.put(item.get("callId").s(),
                CallItems.fromItem(item)));
        return calls;
    }

    private static IndexChoice choose(String tenantId, CallLogFilter filter) {
        int filters = (filter.journeyId() == null ? 0 : 1) + (filter.number() == null ? 0 : 1)
                + (filter.status() == null ? 0 : 1) + (filter.disposition() == null ? 0 : 1)
                + (filter.answeredBy() == null ? 0 : 1);
        boolean alone = filters <= 1;
        if (filter.journeyId() != null) {
            return new IndexChoice("byTenantJourney", "tenantJourney",
                    CallItems.tenantJourney(tenantId, filter.journeyId()), alone);
        }
        if (filter.number() != null) {
            return new IndexChoice("byTenantNumber", "tenantTo", CallItems.tenantTo(tenantId, filter.number()), alone);
        }
        if (filter.answeredBy() != null) {
            // Rarer than any status: machines are a share of the answered calls.
            return new IndexChoice("byTenantAnsweredBy", "tenantAnsweredBy",
                    CallItems.tenantAnsweredBy(tenantId, filter.answeredBy()), alone);
        }
        if (filter.status() != null) {
            return new IndexChoice("byTenantStatus", "tenantStatus", CallItems.tenantStatus(tenantId, filter.status()), alone);
        }
        if (filter.disposition() != null) {
            return new IndexChoice("byTenantDisposition", "tenantDisposition",
                    CallItems.tenantDisposition(tenantId, filter.disposition()), alone);
        }
        return new IndexChoice("byTenant", "tenantId", tenantId, true);
    }

    /** Ids carry milliseconds: the last millisecond that is still before {@code to}. */
    private static Instant lastMillisBefore(Instant to) {
        Instant truncated = Instant.ofEpochMilli(to.toEpochMilli());
        return truncated.equals(to) ? truncated.minusMillis(1) : truncated;
    }
}
