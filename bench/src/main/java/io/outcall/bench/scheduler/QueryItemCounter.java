package io.outcall.bench.scheduler;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the scheduler reads and writes on the wire: the items the due index's queries
 * returned (the work that must stay O(due)), those queries, and the other DynamoDB requests; and
 * the time each kind of request took, summed over the threads.
 */
final class QueryItemCounter implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("benchStarted");

    final LongAdder queryItems = new LongAdder();
    final LongAdder queries = new LongAdder();
    final LongAdder updates = new LongAdder();
    private final Map<String, LongAdder> nanosByRequest = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> countByRequest = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String request = context.request().getClass().getSimpleName().replace("Request", "");
        nanosByRequest.computeIfAbsent(request, r -> new LongAdder()).add(System.nanoTime() - attributes.getAttribute(STARTED));
        countByRequest.computeIfAbsent(request, r -> new LongAdder()).increment();
    }

    /** Each kind of DynamoDB request since the last reset: how many, and their time summed over the threads. */
    String byRequest() {
        StringBuilder line = new StringBuilder();
        new TreeMap<>(nanosByRequest).forEach((request, nanos) -> line.append(String.format("%s%s %,d in %.1f thread-s",
                line.isEmpty() ? "" : ", ", request, countByRequest.get(request).sum(), nanos.sum() / 1e9)));
        return line.isEmpty() ? "none" : line.toString();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof DynamoDbRequest && !(context.request() instanceof QueryRequest)) {
            updates.increment();
        }
    }

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        if (context.request() instanceof QueryRequest query && "byDue".equals(query.indexName())
                && context.response() instanceof QueryResponse page) {
            queries.increment();
            queryItems.add(page.count());
        }
    }

    void reset() {
        queryItems.reset();
        queries.reset();
        updates.reset();
        nanosByRequest.clear();
        countByRequest.clear();
    }
}
