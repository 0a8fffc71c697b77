package io.outcall.core.intake;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;

/**
 * Throttling and partial failures injected into real requests to DynamoDB Local and ElasticMQ, as
 * AWS answers under load: the items or entries it picks are taken out of the request before it is
 * sent (so they are really not written or sent) and handed back as unprocessed or failed; a whole
 * request can be refused as throttled. Everything else reaches the real servers.
 */
final class InjectedFailures implements ExecutionInterceptor {

    /** 1-based number of the BatchWriteItem request whose whole call is refused as throttled. */
    private volatile IntPredicate throttleBatchWrite = n -> false;
    /** (request number, item's "to" number): the item is left unprocessed. */
    private volatile BiPredicate<Integer, String> unprocessed = (n, to) -> false;
    /** (request number, body): the entry fails on SQS's side (not the sender's fault). */
    private volatile BiPredicate<Integer, String> failedEntry = (n, body) -> false;

    final AtomicInteger batchWrites = new AtomicInteger();
    final AtomicInteger sendBatches = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final List<String> requestNames = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Object, List<WriteRequest>> heldBack = new ConcurrentHashMap<>();
    private final Map<Object, List<SendMessageBatchRequestEntry>> failedBack = new ConcurrentHashMap<>();
    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Integer> NUMBER =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("injected-failures-number");

    InjectedFailures throttleBatchWrites(IntPredicate which) {
        throttleBatchWrite = which;
        return this;
    }

    InjectedFailures leaveUnprocessed(BiPredicate<Integer, String> which) {
        unprocessed = which;
        return this;
    }

    InjectedFailures failEntries(BiPredicate<Integer, String> which) {
        failedEntry = which;
        return this;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        requests.incrementAndGet();
        requestNames.add(context.request().getClass().getSimpleName());
        if (context.request() instanceof BatchWriteItemRequest write) {
            int n = batchWrites.incrementAndGet();
            attributes.putAttribute(NUMBER, n);
            if (throttleBatchWrite.test(n)) {
                throw throttled();
            }
            List<WriteRequest> kept = new ArrayList<>();
            List<WriteRequest> held = new ArrayList<>();
            String table = write.requestItems().keySet().iterator().next();
            for (WriteRequest w : write.requestItems().get(table)) {
                (unprocessed.test(n, w.putRequest().item().get("to").s()) ? held : kept).add(w);
            }
            if (held.isEmpty()) {
                return write;
            }
            if (kept.isEmpty()) {
                throw throttled(); // as DynamoDB does when it can process none of the items
            }
            heldBack.put(n, held);
            return write.toBuilder().requestItems(Map.of(table, kept)).build();
        }
        if (context.request() instanceof SendMessageBatchRequest send) {
            int n = sendBatches.incrementAndGet();
            attributes.putAttribute(NUMBER, n);
            List<SendMessageBatchRequestEntry> kept = new ArrayList<>();
            List<SendMessageBatchRequestEntry> failed = new ArrayList<>();
            for (SendMessageBatchRequestEntry e : send.entries()) {
                (failedEntry.test(n, e.messageBody()) ? failed : kept).add(e);
            }
            if (failed.isEmpty()) {
                return send;
            }
            if (kept.isEmpty()) {
                throw SqsException.builder().statusCode(500).message("injected: internal error")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").build()).build();
            }
            failedBack.put(n, failed);
            return send.toBuilder().entries(kept).build();
        }
        return context.request();
    }

    private static ProvisionedThroughputExceededException throttled() {
        return (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                        .errorMessage("injected: rate of requests exceeds the allowed throughput").build())
                .message("injected throttling").build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Integer n = attributes.getAttribute(NUMBER);
        if (context.response() instanceof BatchWriteItemResponse response && n != null && heldBack.containsKey(n)) {
            String table = ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
            return response.toBuilder().unprocessedItems(Map.of(table, heldBack.remove(n))).build();
        }
        if (context.response() instanceof SendMessageBatchResponse response && n != null && failedBack.containsKey(n)) {
            List<BatchResultErrorEntry> errors = new ArrayList<>(response.failed());
            failedBack.remove(n).forEach(e -> errors.add(BatchResultErrorEntry.builder().id(e.id()).senderFault(false)
                    .code("InternalError").message("injected: try again").build()));
            return response.toBuilder().failed(errors).build();
        }
        return context.response();
    }
}
