package io.outcall.bench.cost;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What one unit of work (a call, or a read of it) cost AWS: capacity units as DynamoDB reported
 * them, items written, requests per service and operation, function invocations and their time.
 * Filled from several threads (the bridge's lanes, its consumer, the handler's thread).
 */
final class Tally {

    private final Map<String, DoubleAdder> figures = new TreeMap<>();

    synchronized void add(String figure, double amount) {
        figures.computeIfAbsent(figure, k -> new DoubleAdder()).add(amount);
    }

    synchronized double get(String figure) {
        DoubleAdder adder = figures.get(figure);
        return adder == null ? 0 : adder.sum();
    }

    /** Every figure whose name starts with {@code prefix}, in name order. */
    synchronized Map<String, Double> withPrefix(String prefix) {
        Map<String, Double> found = new TreeMap<>();
        figures.forEach((name, adder) -> {
            if (name.startsWith(prefix)) {
                found.put(name.substring(prefix.length()), adder.sum());
            }
        });
        return found;
    }

    synchronized void addAll(Tally other) {
        other.snapshot().forEach(this::add);
    }

    synchronized Map<String, Double> snapshot() {
        Map<String, Double> copy = new TreeMap<>();
        figures.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }

    // Figure names, shared by the meter that fills a tally and the report that reads it.
    static final String WRU = "dynamodb.wru";
    static final String RRU = "dynamodb.rru";
    /** Capacity units of a response without ConsumedCapacity, computed from item sizes instead. */
    static final String COMPUTED = "dynamodb.computed.";
    static final String WRU_TABLE = "dynamodb.wru.table.";
    static final String RRU_TABLE = "dynamodb.rru.table.";
    static final String ITEMS_WRITTEN = "dynamodb.items.";
    static final String DYNAMODB_REQUESTS = "dynamodb.requests.";
    static final String SQS_REQUESTS = "sqs.requests.";
    /** SQS bills each 64 KB of a request's payload as one request. */
    static final String SQS_BILLED = "sqs.billed";
    static final String INVOCATIONS = "lambda.invocations.";
    static final String LAMBDA_MS = "lambda.billed_ms";
    static final String API_REQUESTS = "apigateway.requests";
    /** The call's item in CallsTable once final, in the bytes DynamoDB bills an update by. */
    static final String CALL_ITEM_BYTES = "calls.item_bytes";
}
