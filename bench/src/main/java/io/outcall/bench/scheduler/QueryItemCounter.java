package io.outcall.bench.scheduler;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the scheduler reads and writes on the wire: the items the due index's queries
 * returned (the work that must stay O(due)), those queries, and the other DynamoDB requests.
 */
final class QueryItemCounter implements ExecutionInterceptor {

    final LongAdder queryItems = new LongAdder();
    final LongAdder queries = new LongAdder();
    final LongAdder updates = new LongAdder();

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
    }
}
