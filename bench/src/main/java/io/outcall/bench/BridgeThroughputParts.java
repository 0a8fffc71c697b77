package io.outcall.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.bridge.calls.CallSink;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.store.CallEvent;
import io.outcall.core.store.CallProgress;
import io.outcall.core.store.CallStore;
import io.outcall.core.store.CancelResult;
import io.outcall.core.store.ClaimResult;
import io.outcall.core.store.ClaimedCall;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stand-ins and instruments the bridge-throughput benchmark wires around a real {@code Bridge}:
 * an in-memory queue and call store (so the pipeline run measures the bridge, not DynamoDB Local
 * or ElasticMQ), a counting sink, and timing wrappers around the real SQS client and call store.
 */
final class BridgeThroughputParts {

    static final String FROM = "+14045550100";
    static final String TRANSFER = "+14045550199";

    private BridgeThroughputParts() {
    }

    /** The numbers dialed: +1555 NNNNNN d, where d picks the simulator's outcome (6: answers at once). */
    static String number(long i, char lastDigit) {
        return "+1555" + String.format("%06d", i % 1_000_000) + lastDigit;
    }

    /** A call as intake records it: QUEUED, accepted at {@code createdAt}. */
    static Call queued(CallId ids, String tenant, String to, String context, Instant createdAt) {
        return Call.queued(ids.next(), tenant, to, FROM, "did-main", "Bench", TRANSFER, context, Map.of(), 30,
                createdAt, null, null);
    }

    // ------------------------------------------------------------------ completion and latency

    /** Calls that reached a final status (written by the sink), per tenant: what a phase waits for. */
    static final class Done {
        private final Map<String, LongAdder> byTenant = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();

        void finished(String tenant, String status) {
            byTenant.computeIfAbsent(tenant, t -> new LongAdder()).increment();
            byStatus.computeIfAbsent(tenant + "/" + status, s -> new LongAdder()).increment();
        }

        long of(String tenant) {
            LongAdder n = byTenant.get(tenant);
            return n == null ? 0 : n.sum();
        }

        /** Final statuses of one tenant's calls. */
        Map<String, Long> statuses(String tenant) {
            Map<String, Long> out = new TreeMap<>();
            byStatus.forEach((k, v) -> {
                if (k.startsWith(tenant + "/")) {
                    out.put(k.substring(tenant.length() + 1), v.sum());
                }
            });
            return out;
        }
    }

    /**
     * Enqueue-to-Originate latency: from the call's {@code createdAt} (when intake accepted it, just
     * before it was written and queued) to the moment Asterisk accepted its Originate (the bridge
     * calls {@link CallStore#markOriginated} from the Originate's response callback).
     */
    static final class Latencies {
        private record Pending(String tenant, Instant createdAt) {
        }

        private final Map<String, Pending> claimed = new ConcurrentHashMap<>();
        private final Map<String, LongList> byTenant = new ConcurrentHashMap<>();

        void claimed(String callId, String tenant, Instant createdAt) {
            if (createdAt != null) {
                claimed.put(callId, new Pending(tenant, createdAt));
            }
        }

        void originated(String callId, Instant at) {
            Pending p = claimed.remove(callId);
            if (p != null) {
                long micros = Math.max(0, (at.getEpochSecond() - p.createdAt.getEpochSecond()) * 1_000_000L
                        + (at.getNano() - p.createdAt.getNano()) / 1_000);
                byTenant.computeIfAbsent(p.tenant, t -> new LongList()).add(micros);
            }
        }

        /** p50, p99, max and count in milliseconds for one tenant's calls. */
        double[] percentiles(String tenant) {
            LongList list = byTenant.get(tenant);
            long[] values = list == null ? new long[0] : list.toArray();
            Arrays.sort(values);
            if (values.length == 0) {
                return new double[] {-1, -1, -1, 0};
            }
            return new double[] {values[index(values.length, 0.50)] / 1000.0, values[index(values.length, 0.99)] / 1000.0,
                    values[values.length - 1] / 1000.0, values.length};
        }

        private static int index(int n, double q) {
            return Math.min(n - 1, (int) Math.ceil(q * n) - 1);
        }
    }

    /** A growable array of longs, synchronized (a handful of threads add, one reads at the end). */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        synchronized long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Time spent in one kind of call, and how many. */
    static final class Timer {
        final LongAdder nanos = new LongAdder();
        final LongAdder count = new LongAdder();
        final LongAdder failures = new LongAdder();
        final AtomicLong maxNanos = new AtomicLong();

        void add(long startNanos) {
            long took = System.nanoTime() - startNanos;
            nanos.add(took);
            count.increment();
            maxNanos.accumulateAndGet(took, Math::max);
        }

        /** Runs {@code call}, timing it, counting it as failed when it throws. */
        <T> T time(java.util.function.Supplier<T> call) {
            long start = System.nanoTime();
            try {
                return call.get();
            } catch (RuntimeException e) {
                failures.increment();
                throw e;
            } finally {
                add(start);
            }
        }

        /** "mean/max ms, failures" for a report. */
        String describe() {
            return String.format(java.util.Locale.ROOT, "%.1f/%.0fms%s", meanMillis(), maxNanos.get() / 1e6,
                    failures.sum() > 0 ? "/" + failures.sum() + "_failed" : "");
        }

        double meanMillis() {
            long n = count.sum();
            return n == 0 ? 0 : nanos.sum() / 1e6 / n;
        }
    }

    /**
     * CPU time per thread, polled in the background so threads that end during a run (an AMI
     * reader replaced after a reconnect) still count. Names with digits folded group the pools.
     */
    static final class ThreadCpu {
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final Map<Long, String> names = new ConcurrentHashMap<>();
        private final Map<Long, Long> last = new ConcurrentHashMap<>();

        ThreadCpu start() {
            Thread.ofPlatform().daemon().name("thread-cpu-watch").start(() -> {
                while (true) {
                    poll();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return this;
        }

        synchronized void poll() {
            long[] ids = threads.getAllThreadIds();
            for (var info : threads.getThreadInfo(ids)) {
                if (info != null) {
                    long cpu = threads.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        last.put(info.getThreadId(), cpu);
                        names.putIfAbsent(info.getThreadId(), info.getThreadName());
                    }
                }
            }
        }

        Map<Long, Long> snapshot() {
            poll();
            return new java.util.HashMap<>(last);
        }

        /** Busiest thread groups since {@code before}, as % of one core over {@code seconds}. */
        String top(Map<Long, Long> before, double seconds, int limit) {
            Map<Long, Long> now = snapshot();
            Map<String, Long> byGroup = new java.util.HashMap<>();
            now.forEach((id, t) -> {
                String name = names.getOrDefault(id, "?").replaceAll("\\d+", "#").replace(' ', '_').replace(',', ';');
                byGroup.merge(name, t - before.getOrDefault(id, 0L), Long::sum);
            });
            return byGroup.entrySet().stream().filter(e -> e.getValue() > 5_000_000L)
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                    .map(e -> e.getKey() + ":" + Math.round(100.0 * e.getValue() / 1e9 / Math.max(seconds, 1e-9)) + "%")
                    .collect(java.util.stream.Collectors.joining(","));
        }
    }

    // ------------------------------------------------------------------ call store

    /**
     * The call store the bridge sees: records claims and originate times for the latency figure and
     * the final writes for completion, times every call, and delegates to the real store.
     */
    static final class InstrumentedCallStore implements CallStore {
        final Timer claim = new Timer();
        final Timer markOriginated = new Timer();
        final Timer advance = new Timer();
        private final CallStore delegate;
        private final Latencies latencies;
        private final Done done;

        InstrumentedCallStore(CallStore delegate, Latencies latencies, Done done) {
            this.delegate = delegate;
            this.latencies = latencies;
            this.done = done;
        }

        @Override
        public void create(Call call) {
            delegate.create(call);
        }

        @Override
        public Optional<Call> find(String callId) {
            return delegate.find(callId);
        }

        @Override
        public boolean fail(Call call, String reason, Instant at) {
            return delegate.fail(call, reason, at);
        }

        @Override
        public ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, Instant at) {
            ClaimResult result = claim.time(() -> delegate.claim(callId, tenantId, bridgeId, originateActionId, at));
            if (result.outcome() == ClaimResult.Outcome.CLAIMED && result.call() != null) {
                latencies.claimed(callId, tenantId, result.call().createdAt());
            }
            return result;
        }

        @Override
        public void markOriginated(String callId, Instant at) {
            latencies.originated(callId, at);
            markOriginated.time(() -> {
                delegate.markOriginated(callId, at);
                return null;
            });
        }

        @Override
        public boolean advance(CallProgress progress) {
            boolean written = advance.time(() -> delegate.advance(progress));
            if (done != null && progress.status().isFinal()) {
                done.finished(progress.tenantId(), progress.status().name());
            }
            return written;
        }

        @Override
        public List<ClaimedCall> liveOnBridge(String bridgeId) {
            return delegate.liveOnBridge(bridgeId);
        }

        @Override
        public CancelResult cancel(String callId, String tenantId, Instant at) {
            return delegate.cancel(callId, tenantId, at);
        }

        @Override
        public List<String> cancelRequests(String bridgeId) {
            return delegate.cancelRequests(bridgeId);
        }
    }

    /**
     * Calls kept in memory, only while they are QUEUED: a claim takes the call out (so it can be
     * claimed once, which is all at-most-once needs here), and nothing of a claimed call is kept,
     * so this store adds nothing to the heap of the JVM under test as calls go by.
     */
    static final class InMemoryCallStore implements CallStore {
        private final Map<String, Call> queued = new ConcurrentHashMap<>();
        final LongAdder writes = new LongAdder();

        @Override
        public void create(Call call) {
            queued.put(call.callId(), call);
        }

        @Override
        public Optional<Call> find(String callId) {
            return Optional.ofNullable(queued.get(callId));
        }

        @Override
        public boolean fail(Call call, String reason, Instant at) {
            return queued.remove(call.callId()) != null;
        }

        @Override
        public ClaimResult claim(String callId, String tenantId, String bridgeId, String originateActionId, Instant at) {
            Call call = queued.remove(callId);
            if (call == null) {
                return new ClaimResult(ClaimResult.Outcome.MISSING, null, null, null);
            }
            // The stored (QUEUED) record is handed back; the consumer only looks at the outcome of a claim it won.
            return new ClaimResult(ClaimResult.Outcome.CLAIMED, call, bridgeId, null);
        }

        @Override
        public void markOriginated(String callId, Instant at) {
            writes.increment();
        }

        @Override
        public boolean advance(CallProgress progress) {
            writes.increment();
            return true;
        }

        @Override
        public List<ClaimedCall> liveOnBridge(String bridgeId) {
            return List.of();
        }

        @Override
        public CancelResult cancel(String callId, String tenantId, Instant at) {
            throw new UnsupportedOperationException("the pipeline run cancels nothing");
        }

        @Override
        public List<String> cancelRequests(String bridgeId) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ sink

    /**
     * The pipeline run's writer: counts what the tracker hands over and returns. No DynamoDB, no
     * queue, backlog always 0, so the run measures read, parse, correlate, state machine and the
     * hand-off, and nothing after it.
     */
    static final class CountingSink implements CallSink {
        final LongAdder events = new LongAdder();
        final LongAdder progress = new LongAdder();
        private final Map<String, LongAdder> names = new ConcurrentHashMap<>();
        private final Done done;

        CountingSink(Done done) {
            this.done = done;
        }

        @Override
        public void progress(CallProgress p) {
            progress.increment();
            if (p.status().isFinal()) {
                done.finished(p.tenantId(), p.status().name());
            }
        }

        @Override
        public void event(CallEvent event) {
            events.increment();
            names.computeIfAbsent(event.name(), n -> new LongAdder()).increment();
        }

        @Override
        public long backlog() {
            return 0;
        }

        Map<String, Long> names() {
            Map<String, Long> out = new TreeMap<>();
            names.forEach((k, v) -> out.put(k, v.sum()));
            return out;
        }
    }

    // ------------------------------------------------------------------ queue

    /** The part of {@link SqsClient} the bridge's consumer uses, timed, over a delegate. */
    static final class TimedSqs implements SqsClient {
        final Timer receive = new Timer();
        final Timer delete = new Timer();
        final LongAdder received = new LongAdder();
        final LongAdder emptyReceives = new LongAdder();
        private final SqsClient delegate;

        TimedSqs(SqsClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            ReceiveMessageResponse response = receive.time(() -> delegate.receiveMessage(request));
            received.add(response.messages().size());
            if (response.messages().isEmpty()) {
                emptyReceives.increment();
            }
            return response;
        }

        @Override
        public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
            return delete.time(() -> delegate.deleteMessage(request));
        }

        @Override
        public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
            return delegate.changeMessageVisibility(request);
        }

        /** The bridge puts back a message it cannot dial yet as a delayed copy, then deletes the original. */
        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            return delegate.sendMessageBatch(request);
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            return delete.time(() -> delegate.deleteMessageBatch(request));
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /**
     * An in-memory originate queue that plays intake too: it records each call QUEUED in the store
     * and hands out its message, either a backlog of N calls all accepted at the same instant, or N
     * calls accepted at a steady rate (each call's {@code createdAt} is its scheduled accept time, so
     * a bridge that falls behind shows it as latency). Messages are generated when received, so
     * the queue holds no memory for calls not yet taken.
     */
    static final class InMemoryQueue implements SqsClient {
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
                Call call = queued(ids, l.tenant, number(sequence.incrementAndGet(), l.lastDigit), l.context, createdAt);
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
}
