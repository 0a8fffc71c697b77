package io.outcall.bench.cost;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts what the clients it is installed in ask of DynamoDB and SQS, into the tally of the unit of
 * work under way. Every DynamoDB request is sent with {@code ReturnConsumedCapacity=INDEXES} (the
 * total, plus table and index parts), and the capacity DynamoDB reports is what is counted. What
 * runs whatever the calls (the bridge's empty long polls, its cancel and orphan queries) goes to
 * the background tally: it costs per hour of a bridge, not per call.
 */
final class CostMeter implements ExecutionInterceptor {

    private static final long SQS_CHUNK_BYTES = 64 * 1024;

    private final Tally background = new Tally();
    private final AtomicReference<Tally> current = new AtomicReference<>();

    /** From now on, what is not background is counted into {@code tally}. */
    void countInto(Tally tally) {
        current.set(tally);
    }

    void stop() {
        current.set(null);
    }

    Tally background() {
        return background;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        return switch (context.request()) {
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case ScanRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactGetItemsRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        Tally tally = isBackground(request, response) || current.get() == null ? background : current.get();
        if (request instanceof SqsRequest) {
            tally.add(Tally.SQS_REQUESTS + operation, 1);
            tally.add(Tally.SQS_BILLED, sqsBilledRequests(request, response));
            return;
        }
        tally.add(Tally.DYNAMODB_REQUESTS + operation, 1);
        countItemsWritten(tally, request, response);
        List<ConsumedCapacity> consumed = consumedCapacity(response);
        if (consumed.isEmpty()) {
            tally.add(Tally.COMPUTED + operation, 1);
            return;
        }
        boolean write = isWrite(request);
        for (ConsumedCapacity capacity : consumed) {
            double units = capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
            tally.add(write ? Tally.WRU : Tally.RRU, units);
            tally.add((write ? Tally.WRU_TABLE : Tally.RRU_TABLE) + capacity.tableName(), units);
            if (capacity.hasGlobalSecondaryIndexes()) {
                // Part of the total above, shown apart: DynamoDB Local may leave index writes out.
                capacity.globalSecondaryIndexes().forEach((index, part) -> tally.add((write ? Tally.WRU_TABLE
                        : Tally.RRU_TABLE) + capacity.tableName() + " index " + index, part.capacityUnits()));
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // A failed conditional write is billed too (at least 1 WRU) but reports no capacity.
        Tally tally = current.get() == null ? background : current.get();
        tally.add("failed." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1);
    }

    /** Work that runs whatever the calls: empty long polls, the cancel poll, the orphan query at start. */
    private static boolean isBackground(SdkRequest request, SdkResponse response) {
        if (response instanceof ReceiveMessageResponse received) {
            return received.messages().isEmpty();
        }
        return request instanceof QueryRequest query && query.indexName() != null
                && (query.indexName().equals("byCancel") || query.indexName().equals("byBridge"));
    }

    private static long sqsBilledRequests(SdkRequest request, SdkResponse response) {
        long payload = switch (request) {
            case SendMessageRequest send -> send.messageBody().getBytes(StandardCharsets.UTF_8).length;
            case SendMessageBatchRequest batch -> batch.entries().stream()
                    .mapToLong(e -> e.messageBody().getBytes(StandardCharsets.UTF_8).length).sum();
            default -> response instanceof ReceiveMessageResponse received ? received.messages().stream()
                    .mapToLong(m -> m.body().getBytes(StandardCharsets.UTF_8).length).sum() : 0;
        };
        return Math.max(1, (payload + SQS_CHUNK_BYTES - 1) / SQS_CHUNK_BYTES);
    }

    private static boolean isWrite(SdkRequest request) {
        return request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest || request instanceof BatchWriteItemRequest
                || request instanceof TransactWriteItemsRequest;
    }

    private static void countItemsWritten(Tally tally, SdkRequest request, SdkResponse response) {
        switch (request) {
            case PutItemRequest r -> tally.add(Tally.ITEMS_WRITTEN + r.tableName(), 1);
            case UpdateItemRequest r -> tally.add(Tally.ITEMS_WRITTEN + r.tableName(), 1);
            case DeleteItemRequest r -> tally.add(Tally.ITEMS_WRITTEN + r.tableName(), 1);
            case BatchWriteItemRequest r -> {
                Map<String, List<WriteRequest>> unprocessed = ((BatchWriteItemResponse) response).unprocessedItems();
                r.requestItems().forEach((table, writes) -> tally.add(Tally.ITEMS_WRITTEN + table,
                        writes.size() - unprocessed.getOrDefault(table, List.of()).size()));
            }
            case TransactWriteItemsRequest r -> {
                for (TransactWriteItem item : r.transactItems()) {
                    String table = item.put() != null ? item.put().tableName()
                            : item.update() != null ? item.update().tableName()
                            : item.delete() != null ? item.delete().tableName() : null;
                    if (table != null) {
                        tally.add(Tally.ITEMS_WRITTEN + table, 1);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static List<ConsumedCapacity> consumedCapacity(SdkResponse response) {
        ConsumedCapacity single = switch (response) {
            case PutItemResponse r -> r.consumedCapacity();
            case UpdateItemResponse r -> r.consumedCapacity();
            case DeleteItemResponse r -> r.consumedCapacity();
            case GetItemResponse r -> r.consumedCapacity();
            case QueryResponse r -> r.consumedCapacity();
            default -> null;
        };
        if (single != null) {
            return List.of(single);
        }
        return switch (response) {
            case BatchGetItemResponse r when r.hasConsumedCapacity() -> r.consumedCapacity();
            case BatchWriteItemResponse r when r.hasConsumedCapacity() -> r.consumedCapacity();
            case TransactWriteItemsResponse r when r.hasConsumedCapacity() -> r.consumedCapacity();
            default -> List.of();
        };
    }
}
