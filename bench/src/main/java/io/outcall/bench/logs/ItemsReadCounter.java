package io.outcall.bench.logs;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what DynamoDB read for the handlers: ScannedCount of every Query and Scan (items
 * evaluated, filtered out or not), 1 for a GetItem that found its item, the items of a BatchGetItem.
 */
final class ItemsReadCounter implements ExecutionInterceptor {
    final AtomicLong items = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final Map<String, AtomicLong> operations = new java.util.concurrent.ConcurrentHashMap<>();

    void reset() {
        items.set(0);
        requests.set(0);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        requests.incrementAndGet();
        operations.computeIfAbsent(String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)),
                k -> new AtomicLong()).incrementAndGet();
        SdkResponse response = context.response();
        switch (response) {
            case QueryResponse q -> items.addAndGet(q.scannedCount() == null ? q.count() : q.scannedCount());
            case ScanResponse s -> items.addAndGet(s.scannedCount() == null ? s.count() : s.scannedCount());
            case GetItemResponse g -> items.addAndGet(g.hasItem() && !g.item().isEmpty() ? 1 : 0);
            case BatchGetItemResponse b -> items.addAndGet(b.responses().values().stream().mapToLong(List::size).sum());
            default -> {
            }
        }
    }
}
