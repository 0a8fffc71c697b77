package io.outcall.bench.throughput.child;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStore;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory originate queue that plays intake too: it records each call QUEUED in the store
 * and hands out its message, either a backlog of N calls all accepted at the same instant, or N
 * calls accepted at a steady rate (each call's {@code createdAt} is its scheduled accept time, so
 * a bridge that falls behind shows it as latency). Messages are generated when received, so
 * the queue holds no memory for calls not yet taken.
 */
final class InMemoryQueue implements SqsClient {
    private record Load(String tenant, long count, char lastDigit, String context, double perSecond,
                        Instant startedAt, long startedNanos) {
    }

    private final CallStore store;
    private final CallId ids = CallId.systemGenerator();
    private final OriginateMessageCodec codec = new OriginateMessageCodec(new ObjectMapper());
    private final ConcurrentLinkedQueue<Message> returned = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService redelivery = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("queue-redelivery").factory());
    private final Map<String, Message> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Load load;
    private long generated; // guarded by this

    InMemoryQueue(CallStore store) {
        this.store = store;
    }

    /** Replaces the current load: {@code perSecond} 0 queues all {@code count} calls now. */
    synchronized void load(String tenant, long count, char lastDigit, String context, double perSecond) {
        load = new Load(tenant, count, lastDigit, context, perSecond, Instant.now(), System.nanoTime());
        generated = 0;
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        int max = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(
                request.waitTimeSeconds() == null ? 0 : request.waitTimeSeconds());
        while (true) {
            List<Message> out = new ArrayList<>(max);
            for (Message m; out.size() < max && (m = returned.poll()) != null; ) {
                out.add(m);
            }
            long waitNanos = generate(out, max);
            if (!out.isEmpty() || System.nanoTime() >= deadline) {
                return ReceiveMessageResponse.builder().messages(out).build();
            }
            long sleep = Math.min(deadline - System.nanoTime(), Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(5)));
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ReceiveMessageResponse.builder().messages(out).build();
                }
            }
        }
    }

    /** Adds due calls to {@code out}; returns nanoseconds until the next one is due. */
    private synchronized long generate(List<Message> out, int max) {
        Load l = load;
        if (l == null) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long due = l.perSecond <= 0 ? l.count
                : Math.min(l.count, (long) Math.floor((now - l.startedNanos) / 1e9 * l.perSecond) + 1);
        while (out.size() < max && generated < due) {
            long i = generated++;
            Instant createdAt = l.perSecond <= 0 ? l.startedAt
                    : l.startedAt.plusNanos((long) (i / l.perSecond * 1e9));
            Call call = BenchCalls.queued(ids, l.tenant, BenchCalls.number(sequence.incrementAndGet(), l.lastDigit), l.context, createdAt);
            store.create(call);
            String handle = Long.toString(sequence.get());
            Message message = Message.builder().messageId(call.callId()).receiptHandle(handle)
                    .body(codec.encode(OriginateMessage.of(call))).build();
            inFlight.put(handle, message);
            out.add(message);
        }
        if (generated >= l.count) {
            return Long.MAX_VALUE;
        }
        long nextAt = l.startedNanos + (long) (generated / l.perSecond * 1e9);
        return Math.max(0, nextAt - now);
    }

    @Override
    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        inFlight.remove(request.receiptHandle());
        return DeleteMessageResponse.builder().build();
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        Message m = inFlight.remove(request.receiptHandle());
        if (m != null) {
            long seconds = request.visibilityTimeout() == null ? 0 : request.visibilityTimeout();
            redelivery.schedule(() -> returned.add(m), seconds, TimeUnit.SECONDS);
        }
        return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        List<SendMessageBatchResultEntry> sent = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : request.entries()) {
            String handle = Long.toString(sequence.incrementAndGet());
            Message copy = Message.builder().messageId("copy-" + handle).receiptHandle(handle)
                    .body(entry.messageBody()).build();
            long seconds = entry.delaySeconds() == null ? 0 : entry.delaySeconds();
            redelivery.schedule(() -> {
                inFlight.put(handle, copy);
                returned.add(copy);
            }, seconds, TimeUnit.SECONDS);
            sent.add(SendMessageBatchResultEntry.builder().id(entry.id()).messageId(copy.messageId()).build());
        }
        return SendMessageBatchResponse.builder().successful(sent).build();
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        request.entries().forEach(entry -> inFlight.remove(entry.receiptHandle()));
        return DeleteMessageBatchResponse.builder().successful(request.entries().stream()
                .map(entry -> DeleteMessageBatchResultEntry.builder().id(entry.id()).build()).toList()).build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
        redelivery.shutdownNow();
    }
}
