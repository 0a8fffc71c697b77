package io.outcall.bench.throughput;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.bench.throughput.child.BenchCalls;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does what intake does for each call: records it QUEUED in DynamoDB, then queues its message
 * (a backlog in batches of 10, steady traffic one message per call).
 */
final class IntakeStandIn {

    private final ExecutorService pool;
    private final DynamoCallStore store;
    private final LocalServices local;
    private final String queueUrl;
    private final CallId ids;
    private final AtomicLong numbers;
    private final OriginateMessageCodec codec = new OriginateMessageCodec(new ObjectMapper());

    IntakeStandIn(ExecutorService pool, DynamoCallStore store, LocalServices local, String queueUrl, CallId ids,
                  AtomicLong numbers) {
        this.pool = pool;
        this.store = store;
        this.local = local;
        this.queueUrl = queueUrl;
        this.ids = ids;
        this.numbers = numbers;
    }

    /** {@code perSecond} 0 queues all at once (8 threads), else at that steady rate. */
    void enqueue(String tenant, int count, String context, double perSecond) throws InterruptedException, ExecutionException {
        List<Future<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        int sent = 0;
        long lastPrint = start;
        while (sent < count) {
            int due = perSecond <= 0 ? count : (int) Math.min(count, Math.floor((System.nanoTime() - start) / 1e9 * perSecond) + 1);
            while (sent < due) {
                int n = perSecond > 0 ? 1 : Math.min(10, due - sent);
                sent += n;
                pending.add(pool.submit(() -> {
                    send(tenant, context, n);
                    return null;
                }));
            }
            if (perSecond > 0) {
                Thread.sleep(5);
                if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                    lastPrint = System.nanoTime();
                    Say.line(String.format(Locale.ROOT, "   intake: %d/%d queued", sent, count));
                }
            }
        }
        for (Future<?> f : pending) {
            f.get();
        }
    }

    private void send(String tenant, String context, int n) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Call call = BenchCalls.queued(ids, tenant, BenchCalls.number(numbers.incrementAndGet(), '6'), context, Instant.now());
            store.create(call);
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(codec.encode(OriginateMessage.of(call))).build());
        }
        if (n == 1) {
            local.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(entries.get(0).messageBody()));
        } else {
            var response = local.sqs().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed());
            }
        }
    }
}
