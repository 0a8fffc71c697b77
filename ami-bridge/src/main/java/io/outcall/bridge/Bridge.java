package io.outcall.bridge;

import io.outcall.bridge.ami.AmiChannelHangups;
import io.outcall.bridge.ami.AmiEventQueue;
import io.outcall.bridge.ami.AmiLink;
import io.outcall.bridge.calls.CallSink;
import io.outcall.bridge.calls.CallTracker;
import io.outcall.bridge.calls.OptOuts;
import io.outcall.bridge.dnc.BridgeDoNotCall;
import io.outcall.bridge.dnc.OptOutRecorder;
import io.outcall.bridge.calls.CancelWatcher;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.health.HealthServer;
import io.outcall.bridge.recordings.RecordingConfig;
import io.outcall.bridge.recordings.RecordingMetrics;
import io.outcall.bridge.recordings.RecordingUploader;
import io.outcall.core.dynamo.DynamoRecordingStore;
import io.outcall.core.s3.S3RecordingFiles;
import software.amazon.awssdk.services.s3.S3Client;
import io.outcall.bridge.originate.OriginateActions;
import io.outcall.bridge.originate.OriginateConsumer;
import io.outcall.bridge.originate.Orphans;
import io.outcall.bridge.originate.Pacer;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.call.CallStore;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallRetries;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.schedule.ScheduledCalls;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.RetryOpening;
import io.outcall.core.window.CalleeTimeZones;
import io.outcall.core.window.CallingWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running bridge: AMI link, event queue and tracker, persistence, queue consumer, health.
 * {@link #start} brings it up; {@link #close} is the graceful stop of SIGTERM.
 */
public final class Bridge implements AutoCloseable {

    /** Call events and progress not yet written at which the bridge stops taking calls. */
    public static final long DEFAULT_BACKLOG_HIGH_WATER = 50_000;

    private static final Logger log = LoggerFactory.getLogger(Bridge.class);
    /** The bridge stops taking calls when its AMI event queue is this full, long before it drops any. */
    private static final int EVENT_QUEUE_HIGH_WATER_PERCENT = 50;
    /** A canceled call still up this long after its Hangup gets the Hangup again at the next cancel poll. */
    private static final Duration CANCEL_HANGUP_RETRY = Duration.ofSeconds(5);
    /** A call whose channels are all down is ended this long after without its OriginateResponse. */
    private static final Duration ORIGINATE_RESPONSE_GRACE = Duration.ofSeconds(5);

    private final BridgeConfig config;
    private final BridgeMetrics metrics;
    private final CallSink sink;
    private final long backlogHighWater;
    private final AmiEventQueue amiEvents;
    private final CallTracker tracker;
    private final AmiLink ami;
    private final Pacer pacer;
    private final OriginateConsumer consumer;
    private final Orphans orphans;
    private final CancelWatcher cancels;
    private final RecordingUploader recordings;
    /**
     * AMI connect retries may hold one thread for as long as Asterisk is away, and a slow cancel
     * query another: the third keeps the AMI ping, and so half-open detection, on time.
     */
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3,
            Thread.ofPlatform().name("bridge-scheduler-", 0).daemon(true).factory());
    private final ExecutorService background = Executors.newFixedThreadPool(8,
            Thread.ofPlatform().name("bridge-io-", 0).daemon(true).factory());
    /** One SQS receive holds at most 10 messages: their claims run side by side. */
    private final ExecutorService claimers = Executors.newFixedThreadPool(10,
            Thread.ofPlatform().name("call-claimer-", 0).daemon(true).factory());
    private final Thread trackerThread;
    private final Thread consumerThread;
    private HealthServer health;
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The bridge as it runs beside Asterisk: calls, their events and statistics in the DynamoDB
     * tables {@code config} names, written by {@code writerLanes} ordered lanes. Not started.
     */
    public static Bridge onDynamoDb(BridgeConfig config, DynamoDbClient dynamoDb, SqsClient sqs, int writerLanes) {
        DynamoCallStore calls = new DynamoCallStore(dynamoDb, config.callsTable(), config.callStatsTable());
        BridgeMetrics metrics = new BridgeMetrics();
        DynamoCallSink sink = sinkOn(config, dynamoDb, calls, metrics, writerLanes);
        return new Bridge(config, calls, sink, DEFAULT_BACKLOG_HIGH_WATER, sqs, metrics, Clock.systemUTC(), null,
                BridgeDoNotCall.NONE, scheduledCalls(config, dynamoDb));
    }

    /** The due index in the shards intake and the scheduler use ({@code QUEUED_INDEX_SHARDS}). */
    private static ScheduledCalls scheduledCalls(BridgeConfig config, DynamoDbClient dynamoDb) {
        return new DynamoScheduledCalls(dynamoDb, config.callsTable(), SweepSettings.queuedIndexShards(System.getenv()));
    }

    /**
     * Progress, events and retried attempts written to DynamoDB. A retried call's next attempt enters
     * the due index in the shards the scheduler reads ({@code QUEUED_INDEX_SHARDS}, as intake and the
     * sweeper read it).
     */
    private static DynamoCallSink sinkOn(BridgeConfig config, DynamoDbClient dynamoDb, DynamoCallStore calls,
                                         BridgeMetrics metrics, int writerLanes) {
        return new DynamoCallSink(calls, new DynamoCallRetries(dynamoDb, config.callsTable(), config.callStatsTable(),
                SweepSettings.queuedIndexShards(System.getenv())),
                new DynamoCallEventStore(dynamoDb, config.callEventsTable()), metrics, writerLanes,
                DynamoCallSink.TIMELINE_DELAY);
    }

    /** The same, uploading recorded calls' files from {@code recording}'s spool with {@code s3}. */
    public static Bridge onDynamoDb(BridgeConfig config, DynamoDbClient dynamoDb, SqsClient sqs, int writerLanes,
                                    RecordingConfig recording, S3Client s3) {
        return onDynamoDb(config, dynamoDb, sqs, writerLanes, recording, s3, "TenantsTable");
    }

    /** The same, checking numbers against the do-not-call lists in {@code tenantsTable} and adding opt-outs there. */
    public static Bridge onDynamoDb(BridgeConfig config, DynamoDbClient dynamoDb, SqsClient sqs, int writerLanes,
                                    RecordingConfig recording, S3Client s3, String tenantsTable) {
        DynamoCallStore calls = new DynamoCallStore(dynamoDb, config.callsTable(), config.callStatsTable());
        BridgeMetrics metrics = new BridgeMetrics();
        DynamoCallSink sink = sinkOn(config, dynamoDb, calls, metrics, writerLanes);
        RecordingUploader uploader = null;
        if (recording.bucket() == null) {
            log.warn("AUDIO_BUCKET is not set: recorded calls' files stay in {}", recording.spool());
        } else {
            uploader = new RecordingUploader(recording, new S3RecordingFiles(s3, null, recording.bucket()), calls,
                    new DynamoRecordingStore(dynamoDb, config.callsTable()), new RecordingMetrics(metrics),
                    Clock.systemUTC());
        }
        return new Bridge(config, calls, sink, DEFAULT_BACKLOG_HIGH_WATER, sqs, metrics, Clock.systemUTC(), uploader,
                BridgeDoNotCall.onDynamoDb(dynamoDb, tenantsTable, Clock.systemUTC()), scheduledCalls(config, dynamoDb));
    }

    /**
     * @param sink             where call progress and events go (DynamoDB, or a counting sink in benchmarks)
     * @param backlogHighWater the persistence backlog at which the bridge stops taking calls
     */
    public Bridge(BridgeConfig config, CallStore calls, CallSink sink, long backlogHighWater, SqsClient sqs,
                  BridgeMetrics metrics, Clock clock) {
        this(config, calls, sink, backlogHighWater, sqs, metrics, clock, null);
    }

    /** @param recordings moves recorded calls' files to the audio bucket; null: no recordings are uploaded */
    public Bridge(BridgeConfig config, CallStore calls, CallSink sink, long backlogHighWater, SqsClient sqs,
                  BridgeMetrics metrics, Clock clock, RecordingUploader recordings) {
        this(config, calls, sink, backlogHighWater, sqs, metrics, clock, recordings, BridgeDoNotCall.NONE, null);
    }

    /**
     * @param doNotCall the lists a number is looked up in just before dialing, and where opt-outs go
     * @param scheduled where a call whose calling window closed while it waited goes back to
     *                  SCHEDULED; null: such a call ends FAILED (OUTSIDE_CALLING_WINDOW), never dialed
     */
    public Bridge(BridgeConfig config, CallStore calls, CallSink sink, long backlogHighWater, SqsClient sqs,
                  BridgeMetrics metrics, Clock clock, RecordingUploader recordings, BridgeDoNotCall doNotCall,
                  ScheduledCalls scheduled) {
        this.config = config;
        this.recordings = recordings;
        this.metrics = metrics;
        this.sink = sink;
        this.backlogHighWater = backlogHighWater;
        this.amiEvents = new AmiEventQueue(200_000, metrics);
        this.pacer = new Pacer(config.callsPerSecond(), config.maxConcurrent(), config.tenantCallsPerSecond(),
                config.tenantMaxConcurrent(), System::nanoTime);
        this.ami = new AmiLink(new AmiLink.Settings(config.amiHost(), config.amiPort(), config.amiUser(),
                config.amiPassword(), config.amiPingInterval(), config.amiPingInterval().multipliedBy(2)), amiEvents, new LinkObserver(),
                scheduler, background, metrics);
        this.tracker = new CallTracker(amiEvents.queue(), sink, new AmiChannelHangups(ami, background, metrics),
                ami::liveChannelsByLinkedId, background, metrics, clock,
                new CallTracker.Timing(ORIGINATE_RESPONSE_GRACE, CANCEL_HANGUP_RETRY, config.quietCallAfter()),
                finished -> {
                    pacer.finished(finished.tenantId());
                    if (recordings != null) {
                        recordings.callEnded(finished.callId());
                    }
                }, doNotCall.lists() == null ? OptOuts.NONE
                        : new OptOutRecorder(calls, doNotCall.lists(), background, metrics));
        this.cancels = new CancelWatcher(calls, config.bridgeId(), tracker::cancelRequested, scheduler,
                config.cancelPollInterval());
        this.orphans = new Orphans(calls, tracker, ami, sink::lastEventSeq, pacer, clock, clock.instant());
        this.consumer = new OriginateConsumer(sqs, config.queueUrl(), new OriginateMessageCodec(Json.standard()),
                calls, tracker, ami, pacer, new OriginateActions(config.dialString()), orphans, this::mayTakeCalls,
                claimers, background, metrics, clock, config.bridgeId(), doNotCall.lookup(), scheduled,
                RetryOpening.inCallingWindow(new CallingWindows(new CalleeTimeZones())));
        this.trackerThread = Thread.ofPlatform().name("call-tracker").unstarted(tracker);
        this.consumerThread = Thread.ofPlatform().name("originate-consumer").unstarted(consumer);
        metrics.gauge("bridge_active_calls", "Calls the bridge is following (dialing, ringing or up)", tracker::following);
        metrics.gauge("bridge_persistence_backlog", "Call progress and events waiting to be written", sink::backlog);
        metrics.gauge("bridge_persistence_lag_seconds", "Age of the oldest write waiting in the writer lanes",
                () -> sink.lagMillis() / 1000.0);
        metrics.gauge("bridge_ami_event_queue_fill_ratio", "How full the AMI event queue is, 0 to 1 (at 0.5 the bridge"
                + " stops taking calls)", () -> amiEvents.fillPercent() / 100.0);
        metrics.gauge("bridge_last_event_age_seconds", "Seconds since the last AMI event arrived", this::lastEventAgeSeconds);
        metrics.gauge("bridge_oldest_followed_call_age_seconds", "Seconds since the bridge began following the oldest"
                + " call it still follows; 0 when it follows none", tracker::oldestFollowedCallAgeSeconds);
    }

    public void start() throws IOException {
        log.info("starting bridge {}", config);
        health = new HealthServer(config.healthPort(), this::health, metrics);
        trackerThread.start();
        if (recordings != null) {
            recordings.start();
        }
        ami.start();
        cancels.start();
        consumerThread.start();
        log.info("health and metrics on http://0.0.0.0:{}/health and /metrics", health.port());
    }

    public int healthPort() {
        return health.port();
    }

    public CallTracker tracker() {
        return tracker;
    }

    public AmiLink ami() {
        return ami;
    }

    /** Whether the consumer may take another call: AMI up, events and writes keeping up. */
    boolean mayTakeCalls() {
        return !stopping && amiEvents.fillPercent() < EVENT_QUEUE_HIGH_WATER_PERCENT && sink.backlog() < backlogHighWater;
    }

    private HealthServer.Health health() {
        boolean queueReachable = System.currentTimeMillis() - consumer.lastReceiveOkMillis() < 30_000;
        return new HealthServer.Health(ami.isUp(), queueReachable, lastEventAgeSeconds(), tracker.following(),
                sink.backlog(), stopping);
    }

    private long lastEventAgeSeconds() {
        long last = metrics.lastEventAtMillis.get();
        return last == 0 ? -1 : (System.currentTimeMillis() - last) / 1000;
    }

    /** After every (re)connection: follow what still lives, end what ended unseen. */
    private final class LinkObserver implements AmiLink.Observer {
        @Override
        public void connected(boolean reconnect) {
            background.execute(() -> {
                try {
                    if (reconnect) {
                        tracker.reconcileAfterReconnect();
                    }
                    orphans.resolveOwn(config.bridgeId());
                } catch (IOException | RuntimeException e) {
                    log.warn("reconciling after connecting failed: {}", e.getMessage());
                }
            });
        }

        @Override
        public void disconnected() {
            log.warn("AMI link to {}:{} lost; not taking calls until it is back", config.amiHost(), config.amiPort());
        }
    }

    /**
     * Graceful stop: take no more messages, let live calls finish (up to {@code drain}), write
     * everything, log off. Calls still up after that stay recorded as live on this bridge and are
     * picked up again at the next start.
     */
    public void stop(Duration drain) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        consumer.stop();
        join(consumerThread, Duration.ofSeconds(OriginateConsumer.LONG_POLL_SECONDS + 2));
        long deadline = System.nanoTime() + drain.toNanos();
        while (tracker.following() > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (tracker.following() > 0) {
            log.warn("{} call(s) still live after {} s; the next start will pick them up", tracker.following(),
                    drain.toSeconds());
        }
        // Cancels are honoured while calls drain; after that the tracker stops and nobody would hear them.
        cancels.stop();
        tracker.stop();
        join(trackerThread, Duration.ofSeconds(10));
        if (sink instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("flushing call writes failed: {}", e.getMessage());
            }
        }
        ami.close();
        if (recordings != null) {
            recordings.close();
        }
        claimers.shutdown();
        background.shutdown();
        scheduler.shutdownNow();
        if (health != null) {
            health.close();
        }
        log.info("bridge stopped");
    }

    @Override
    public void close() {
        stop(config.drainTimeout());
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
