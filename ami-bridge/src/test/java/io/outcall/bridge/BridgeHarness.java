package io.outcall.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStore;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallRetries;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.schedule.ScheduledCalls;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bridge wired to real parts: DynamoDB Local and ElasticMQ in this JVM, and the PBX simulator
 * over a real TCP AMI session. Tests queue calls as the intake would and read back what the
 * bridge wrote.
 */
final class BridgeHarness implements AutoCloseable {

    static final String TENANT = "acme";

    final LocalServices local;
    final DynamoCallStore calls;
    final DynamoCallEventStore events;
    final SqsOriginateQueue queue;
    final String queueUrl;
    private final CallId ids = CallId.systemGenerator();

    BridgeHarness(LocalServices local) {
        this.local = local;
        this.calls = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
        this.events = new DynamoCallEventStore(local.dynamoDb(), "CallEventsTable");
        this.queueUrl = local.queueUrl("OriginateQueue");
        this.queue = new SqsOriginateQueue(local.sqs(), queueUrl, new OriginateMessageCodec(new ObjectMapper()));
    }

    /**
     * The simulator the tests dial through: dialplan delays at 1/20, and a write timeout of one
     * second instead of Asterisk's 100 ms, so a loaded CI machine does not drop the bridge's
     * session for a scheduling hiccup (the bridge's real budget is measured by bench/bridge-throughput).
     */
    static SimulatorConfig.Builder simulator() {
        return SimulatorConfig.builder().port(0).timeScale(0.05).writeTimeout(Duration.ofSeconds(1));
    }

    /**
     * The production default: pinging every second (a Pong missing for 2 s drops the session)
     * let a loaded CI machine's pause end a test's calls ENDED_WHILE_AMI_DISCONNECTED.
     */
    static final Duration AMI_PING = Duration.ofSeconds(5);

    BridgeConfig config(PbxSimulator pbx, String bridgeId) {
        return config(pbx.port(), "admin_password", bridgeId);
    }

    BridgeConfig config(int amiPort, String secret, String bridgeId) {
        return config(amiPort, secret, bridgeId, 500, AMI_PING);
    }

    /** @param tenantCallsPerSecond the per-tenant rate; every other limit is far above what a test offers */
    BridgeConfig config(int amiPort, String secret, String bridgeId, double tenantCallsPerSecond, Duration amiPing) {
        return new BridgeConfig("127.0.0.1", amiPort, "admin", secret, queueUrl, "CallsTable", "CallEventsTable", "CallStatsTable",
                Region.US_EAST_1, local.dynamoDbServer().endpoint(), local.sqsServer().endpoint(),
                "Local/{number}@outbound", 500, 5_000, tenantCallsPerSecond, 5_000, 0, bridgeId, amiPing,
                Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** A bridge on the queue {@code queueUrl}, at most {@code maxConcurrent} calls at once; every other limit far above a test's. */
    BridgeConfig config(PbxSimulator pbx, String bridgeId, String queueUrl, int maxConcurrent) {
        BridgeConfig c = config(pbx, bridgeId);
        return new BridgeConfig(c.amiHost(), c.amiPort(), c.amiUser(), c.amiPassword(), queueUrl, c.callsTable(),
                c.callEventsTable(), c.callStatsTable(), c.region(), c.dynamoDbEndpoint(), c.sqsEndpoint(),
                c.dialString(), c.callsPerSecond(), maxConcurrent, c.tenantCallsPerSecond(), c.tenantMaxConcurrent(),
                c.healthPort(), bridgeId, c.amiPingInterval(), c.cancelPollInterval(), c.drainTimeout());
    }

    /** A bridge persisting to DynamoDB Local, started. */
    RunningBridge startBridge(BridgeConfig config) throws Exception {
        return startBridge(config, calls);
    }

    /** A bridge whose call store is {@code store}: the real one, or a test's wrapper of it. */
    RunningBridge startBridge(BridgeConfig config, CallStore store) throws Exception {
        return startBridge(config, store, local.sqs());
    }

    /** A bridge whose call store and SQS client are the real ones or a test's wrappers of them. */
    RunningBridge startBridge(BridgeConfig config, CallStore store, SqsClient sqs) throws Exception {
        return startBridge(config, store, sqs, Clock.systemUTC());
    }

    /** A bridge whose rules about time (grace periods, quiet calls) follow {@code clock}, e.g. one the test moves. */
    RunningBridge startBridge(BridgeConfig config, Clock clock) throws Exception {
        return startBridge(config, calls, local.sqs(), clock);
    }

    private RunningBridge startBridge(BridgeConfig config, CallStore store, SqsClient sqs, Clock clock) throws Exception {
        return startBridge(config, store, sqs, clock, metrics -> null);
    }

    /** A bridge that uploads recordings with the uploader {@code recordings} makes for its metrics. */
    RunningBridge startBridge(BridgeConfig config, java.util.function.Function<BridgeMetrics,
            io.outcall.bridge.recordings.RecordingUploader> recordings) throws Exception {
        return startBridge(config, calls, local.sqs(), Clock.systemUTC(), recordings);
    }

    /** A bridge on {@code clock} that moves calls whose calling window closed back to SCHEDULED in {@code scheduled}. */
    RunningBridge startBridge(BridgeConfig config, Clock clock, ScheduledCalls scheduled) throws Exception {
        return startBridge(config, calls, local.sqs(), clock, metrics -> null, io.outcall.bridge.dnc.BridgeDoNotCall.NONE,
                scheduled);
    }

    private RunningBridge startBridge(BridgeConfig config, CallStore store, SqsClient sqs, Clock clock,
                                      java.util.function.Function<BridgeMetrics,
                                              io.outcall.bridge.recordings.RecordingUploader> recordings) throws Exception {
        return startBridge(config, store, sqs, clock, recordings, io.outcall.bridge.dnc.BridgeDoNotCall.NONE, null);
    }

    /** A bridge that checks numbers against, and adds opt-outs to, the do-not-call lists of {@code doNotCall}. */
    RunningBridge startBridge(BridgeConfig config, io.outcall.bridge.dnc.BridgeDoNotCall doNotCall) throws Exception {
        return startBridge(config, calls, local.sqs(), Clock.systemUTC(), metrics -> null, doNotCall, null);
    }

    private RunningBridge startBridge(BridgeConfig config, CallStore store, SqsClient sqs, Clock clock,
                                      java.util.function.Function<BridgeMetrics,
                                              io.outcall.bridge.recordings.RecordingUploader> recordings,
                                      io.outcall.bridge.dnc.BridgeDoNotCall doNotCall,
                                      ScheduledCalls scheduled) throws Exception {
        BridgeMetrics metrics = new BridgeMetrics();
        // Retried attempts go where the production bridge sends them (Bridge#onDynamoDb).
        DynamoCallSink sink = new DynamoCallSink(store, new DynamoCallRetries(local.dynamoDb(), "CallsTable",
                "CallStatsTable", SweepSettings.DEFAULT_SHARDS), events, metrics, 4, DynamoCallSink.TIMELINE_DELAY);
        Bridge bridge = new Bridge(config, store, sink, Bridge.DEFAULT_BACKLOG_HIGH_WATER, sqs, metrics, clock,
                recordings.apply(metrics), doNotCall, scheduled);
        bridge.start();
        return new RunningBridge(bridge, metrics);
    }

    record RunningBridge(Bridge bridge, BridgeMetrics metrics) implements AutoCloseable {
        @Override
        public void close() {
            bridge.stop(Duration.ofSeconds(5));
        }
    }

    /** Records a call QUEUED as intake does, without queueing it. */
    Call record(String to, String context, int ringTimeoutSeconds) {
        Call call = Call.queued(ids.next(), TENANT, to, "+14045550100", "did-main", "Acme", "+14045550199", context,
                Map.of("ORDER_ID", "A-17"), ringTimeoutSeconds, Instant.now(), null, null);
        calls.create(call);
        return call;
    }

    /** Records and queues a call, as intake does. */
    Call queueCall(String to, String context, int ringTimeoutSeconds) {
        Call call = record(to, context, ringTimeoutSeconds);
        queue.send(OriginateMessage.of(call));
        return call;
    }

    Call queueCall(String to) {
        return queueCall(to, "DynamicIVR", 30);
    }

    Call awaitFinal(String callId) {
        return await(callId, c -> c.status().isFinal(), "a final status");
    }

    Call await(String callId, Predicate<Call> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Call last = null;
        while (System.nanoTime() < deadline) {
            last = calls.find(callId).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(25);
        }
        fail("call " + callId + " never reached " + what + "; last seen: " + last);
        return null;
    }

    /**
     * Waits until every one of {@code calls} is final or a message reached {@code deadLetters} (for
     * the caller to fail on); fails after two minutes.
     */
    void awaitFinalOrDeadLettered(List<Call> calls, String deadLetters) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (finished(calls) < calls.size() && messagesOn(deadLetters) == 0) {
            if (System.nanoTime() > deadline) {
                fail("the queue never drained: " + finished(calls) + " of " + calls.size() + " calls final");
            }
            sleep(100);
        }
    }

    private long finished(List<Call> calls) {
        return calls.stream().filter(c -> this.calls.find(c.callId()).orElseThrow().status().isFinal()).count();
    }

    /** Waits until {@code count} reaches {@code atLeast}; fails after a minute, naming {@code what}. */
    static void awaitCount(LongSupplier count, long atLeast, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                fail("never happened: " + what + " (counted " + count.getAsLong() + " of " + atLeast + ")");
            }
            sleep(10);
        }
    }

    /** Messages on a queue of the template, visible or in flight. */
    long messagesOn(String queueUrl) {
        return local.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
    }

    List<CallEvent> timeline(String callId) {
        return events.timeline(callId);
    }

    List<String> names(String callId) {
        return timeline(callId).stream().map(CallEvent::name).toList();
    }

    /** @return whether {@code latch} opened; false after 30 s (within {@link #await}'s minute), for the caller to fail on */
    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        local.close();
    }

    /** A harness on its own DynamoDB Local and ElasticMQ (a test class's queue is its own), closed with it. */
    static BridgeHarness start() {
        return new BridgeHarness(LocalServices.startInMemory());
    }

    static Region region() {
        return LocalAws.REGION;
    }
}
