package io.outcall.bench.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoDeliveryStore;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.events.WebhookVerifier;
import io.outcall.core.json.Json;
import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.EndpointAddressGuard;
import io.outcall.core.webhooks.JdkWebhookTransport;
import io.outcall.core.webhooks.RetrySchedule;
import io.outcall.core.webhooks.SigningKey;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.core.webhooks.WebhookEndpoint;
import io.outcall.core.webhooks.WebhookQueue;
import io.outcall.core.webhooks.WebhookSender;
import io.outcall.functions.events.CallEventPublisherHandler;
import io.outcall.functions.events.WebhookSenderHandler;
import io.outcall.localaws.DynamoStreamTail;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import io.outcall.localaws.SqsEventSource;
import io.outcall.localaws.StreamEventJson;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run: a tenant with 2 healthy endpoints (and a failing one, when asked), N calls written
 * QUEUED to COMPLETED by 8 writer threads, the stream followed by one poller (Lambda: one batch at
 * a time per shard) and the queue drained by 4 sender pollers (Lambda scales them with the queue).
 */
final class PipelineRun {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    private static final int STATUSES = 5;
    private static final long STATUS_GAP_MS = 200;
    /**
     * Sender pollers, each one batch of 10 at a time (Lambda scales them with the queue). 12 instead of
     * 4 delivered no faster here: the one JVM's CPU (DynamoDB Local above all) is what runs out.
     */
    private static final int SENDERS = Integer.getInteger("webhooks.senders", 4);
    /** Lambda polls a shard about 4 times a second; an idle tail asks again after this. */
    private static final long IDLE_STREAM_MS = 100;

    record Result(int calls, long p50, long p99, double perSecond, int superseded, int missing, int failingAttempts,
                  int holds) {
        String line() {
            return String.format(Locale.ROOT, "%d calls: p50 %d ms, p99 %d ms, %.0f healthy deliveries/s, %d superseded%s",
                    calls, p50, p99, perSecond, superseded,
                    failingAttempts > 0 ? ", " + failingAttempts + " attempts at the failing endpoint, deliveries held "
                            + holds + " times behind its open circuit" : "");
        }
    }

    private final LocalServices aws;
    private final int calls;
    private final boolean withFailing;
    private final int callsPerSecond;
    private final String tenant = "bench-" + UUID.randomUUID();
    private final ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failingAttempts = new AtomicInteger();
    private final SettlementCount settled;
    private volatile long lastArrival;

    PipelineRun(LocalServices aws, int calls, int callsPerSecond, boolean withFailing) {
        this.aws = aws;
        this.calls = calls;
        this.callsPerSecond = callsPerSecond;
        this.withFailing = withFailing;
        this.settled = new SettlementCount(new DynamoDeliveryStore(aws.dynamoDb(), "WebhookDeliveriesTable"));
    }

    Result run() throws Exception {
        Json json = Json.standard();
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        HttpServer receivers = receivers(secret);
        var endpoints = new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable");
        String base = "http://127.0.0.1:" + receivers.getAddress().getPort();
        List<String> paths = new ArrayList<>(List.of("/ok-1", "/ok-2"));
        if (withFailing) {
            paths.add("/failing");
        }
        for (String path : paths) {
            endpoints.save(new WebhookEndpoint(tenant, "ep" + path.replace('/', '-') + "-" + UUID.randomUUID(),
                    URI.create(base + path), Set.of("*"), true, List.of(new SigningKey(secret, Instant.now(), null)),
                    Instant.now(), null, null));
        }
        var queue = new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(json));
        var publisher = new CallEventPublisherHandler(endpoints, queue, Optional.empty(),
                (token, output) -> { throw new IllegalStateException("no journeys here"); }, json, Clock.systemUTC(), l -> { });
        AtomicInteger holds = new AtomicInteger();
        WebhookQueue counted = new WebhookQueue() {
            @Override
            public void send(List<DeliveryMessage> messages) {
                queue.send(messages);
            }

            @Override
            public void sendLater(DeliveryMessage message, Duration delay) {
                if (message.held() && message.attempts() == 0) {
                    holds.incrementAndGet();
                }
                queue.sendLater(message, delay);
            }
        };
        var sender = new WebhookSenderHandler(new WebhookSender(endpoints, settled, counted, new JdkWebhookTransport(),
                EndpointAddressGuard.system(new EndpointAddressGuard.Policy(true, true)),
                new RetrySchedule(new SplittableRandom(1)), Clock.systemUTC()), json, l -> { });
        DynamoStreamTail tail = new DynamoStreamTail(aws.dynamoDb(), LocalAws.dynamoDbStreams(aws.dynamoDbServer().endpoint()),
                "CallsTable", true);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pollers = Executors.newFixedThreadPool(1 + SENDERS);
        pollers.submit(() -> {
            while (running.get()) {
                List<software.amazon.awssdk.services.dynamodb.model.Record> records;
                try {
                    records = tail.poll();
                } catch (RuntimeException e) {
                    System.err.println("webhooks: reading the stream failed: " + e);
                    throw e;
                }
                if (records.isEmpty()) {
                    Thread.sleep(IDLE_STREAM_MS);
                } else {
                    for (int from = 0; from < records.size(); from += 100) {
                        invoke(publisher, StreamEventJson.lambdaEvent(records.subList(from,
                                Math.min(records.size(), from + 100)), tail.streamArn()));
                    }
                }
            }
            return null;
        });
        for (int i = 0; i < SENDERS; i++) {
            SqsEventSource source = new SqsEventSource(aws.sqs(), aws.queueUrl("WebhookQueue"), e -> invoke(sender, e));
            pollers.submit(() -> {
                while (running.get()) {
                    try {
                        source.pollOnce(1);
                    } catch (RuntimeException e) {
                        System.err.println("webhooks: a sender poll failed: " + e);
                    }
                }
                return null;
            });
        }
        long started = System.nanoTime();
        // Written on their own thread, so that the progress below shows where a backlog builds up while they are.
        ExecutorService writing = Executors.newSingleThreadExecutor();
        var written = writing.submit(() -> {
            writeCalls();
            return null;
        });
        writing.shutdown();
        int expected = calls * STATUSES * 2;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5)
                + (callsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(calls / callsPerSecond));
        long nextReport = System.nanoTime();
        while (delays.size() + settled.superseded() < expected && System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextReport) {
                System.err.printf(Locale.ROOT, "webhooks: %.0f s, %d of %d delivered, %d superseded, %d failing attempts,"
                        + " queue %s%n", (System.nanoTime() - started) / 1e9, delays.size(), expected, settled.superseded(),
                        failingAttempts.get(), queueDepth());
                nextReport += TimeUnit.SECONDS.toNanos(5);
            }
            Thread.sleep(50);
        }
        written.get();
        double seconds = (lastArrival - started) / 1e9;
        running.set(false);
        pollers.shutdown();
        pollers.awaitTermination(30, TimeUnit.SECONDS);
        receivers.stop(0);
        // The failing endpoint's retries still waiting would only burden the next run.
        aws.sqs().purgeQueue(b -> b.queueUrl(aws.queueUrl("WebhookQueue")));
        List<Long> sorted = new ArrayList<>(delays);
        sorted.sort(null);
        int superseded = settled.superseded();
        return new Result(calls, percentile(sorted, 50), percentile(sorted, 99), sorted.size() / seconds, superseded,
                expected - sorted.size() - superseded, failingAttempts.get(), holds.get());
    }

    /**
     * Calls start at {@code callsPerSecond} (all at once when 0), each going through its five statuses
     * {@link #STATUS_GAP_MS} apart, the way calls arrive rather than as one burst: a burst measures
     * how long the backlog takes to drain, not how long a change takes to reach its receivers.
     */
    private void writeCalls() throws InterruptedException {
        DynamoCallStore store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
        ScheduledExecutorService writers = Executors.newScheduledThreadPool(8);
        CountDownLatch written = new CountDownLatch(calls);
        long gapNanos = callsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / callsPerSecond;
        for (int i = 0; i < calls; i++) {
            String callId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
            List<Runnable> statuses = List.of(
                    () -> store.create(Call.queued(callId, tenant, "+14045550123", "+14045550100", "did-1", null, null,
                            "DynamicIVR", Map.of(), 30, Instant.now(), null, null)),
                    () -> store.claim(callId, tenant, "bench", "a", Instant.now()),
                    () -> store.advance(CallProgress.status(callId, tenant, CallStatus.RINGING, Instant.now(), null, "c")),
                    () -> store.advance(CallProgress.status(callId, tenant, CallStatus.ANSWERED, null, Instant.now(), null)),
                    () -> store.advance(new CallProgress(callId, tenant, CallStatus.COMPLETED, Disposition.ANSWERED,
                            new HangupCause(16, "Normal Clearing"), null, null, null, Instant.now(), 1, 1, null)));
            writers.schedule(() -> step(writers, statuses, 0, written), i * gapNanos, TimeUnit.NANOSECONDS);
        }
        written.await(10, TimeUnit.MINUTES);
        writers.shutdown();
    }

    private void step(ScheduledExecutorService writers, List<Runnable> statuses, int index, CountDownLatch written) {
        try {
            statuses.get(index).run();
        } catch (RuntimeException e) {
            System.err.println("webhooks: writing a call failed: " + e);
            written.countDown();
            return;
        }
        if (index + 1 == statuses.size()) {
            written.countDown();
        } else {
            writers.schedule(() -> step(writers, statuses, index + 1, written), STATUS_GAP_MS, TimeUnit.MILLISECONDS);
        }
    }

    private HttpServer receivers(WebhookSecret secret) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        WebhookVerifier verifier = new WebhookVerifier(secret, Clock.systemUTC());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/failing")) {
                failingAttempts.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            var headers = exchange.getRequestHeaders();
            verifier.verify(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body);
            long now = System.currentTimeMillis();
            Matcher m = TIMESTAMP.matcher(body);
            if (m.find()) {
                delays.add(now - Instant.parse(m.group(1)).toEpochMilli());
            }
            lastArrival = System.nanoTime();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Visible, in flight and delayed messages of the webhook queue: where a backlog waits. */
    private String queueDepth() {
        var attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl("WebhookQueue")).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) + " visible, "
                + attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) + " in flight, "
                + attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED) + " delayed";
    }

    private static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
