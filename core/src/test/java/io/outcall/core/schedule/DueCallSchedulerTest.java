package io.outcall.core.schedule;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoQueuedCalls;
import io.outcall.core.dynamo.DynamoScheduledCalls;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.sweep.QueuedCallSweeper;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.core.tenant.Suspension;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.core.testing.MovableClock;
import io.outcall.core.window.CallingWindow;
import io.outcall.core.window.LocalHours;
import io.outcall.core.window.OutsideWindow;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler over DynamoDB Local and ElasticMQ with template.yaml's tables, driven by a clock the
 * test moves. A DynamoDB Local of its own with fresh tables per test: the scheduler looks at every
 * SCHEDULED call of the table, whoever wrote it.
 */
class DueCallSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String TENANT = "tenant-schedule";
    private static final int SHARDS = 8;

    private static LocalServices aws;
    private final MovableClock clock = new MovableClock(T0);
    private final OriginateMessageCodec codec = new OriginateMessageCodec(Json.standard());
    private final CallId callIds = CallId.systemGenerator();
    private final Map<String, Integer> delays = new ConcurrentHashMap<>();
    private DynamoCallStore store;
    private DynamoScheduledCalls scheduled;
    private DynamoTenantStore tenants;
    private String queueUrl;

    @BeforeAll
    static void start() {
        aws = LocalServices.startInMemory();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void freshTables() {
        aws.dynamoDb().deleteTable(b -> b.tableName("CallsTable"));
        aws.dynamoDb().deleteTable(b -> b.tableName("CallStatsTable"));
        LocalAws.createTables(aws.dynamoDb(), CloudFormationTemplate.findFromWorkingDirectory());
        store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable", SHARDS);
        scheduled = new DynamoScheduledCalls(aws.dynamoDb(), "CallsTable", SHARDS);
        tenants = new DynamoTenantStore(aws.dynamoDb(), "TenantsTable");
        tenants.put(new Tenant(TENANT, "Schedule Inc", "US", List.of("DynamicIVR"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 1))));
        queueUrl = aws.sqs().createQueue(b -> b.queueName("schedule-" + UUID.randomUUID())).queueUrl();
    }

    @Test
    void aCallScheduledTenMinutesAheadIsEnqueuedOnceWhenDueWithTheTimeLeftAsDelay() {
        Call call = scheduledCall(T0.plus(Duration.ofMinutes(10)));
        DueCallScheduler scheduler = scheduler(queue());

        for (Instant at : List.of(T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofSeconds(539)))) {
            clock.set(at);
            assertEquals(0, scheduler.run().due(), "not due within a minute of " + at);
        }
        assertEquals(CallStatus.SCHEDULED, store.find(call.callId()).orElseThrow().status());
        assertEquals(0, messagesOnQueue("ApproximateNumberOfMessages") + messagesOnQueue("ApproximateNumberOfMessagesDelayed"));

        clock.set(T0.plus(Duration.ofSeconds(560)));
        ScheduleReport report = scheduler.run();

        assertEquals(1, report.due());
        assertEquals(1, report.enqueued());
        assertEquals(Map.of(call.callId(), 40), delays, "sent to arrive at its notBefore, 40 s on");
        assertEquals(1, messagesOnQueue("ApproximateNumberOfMessagesDelayed"), "SQS holds it back until then");
        assertEquals(0, messagesOnQueue("ApproximateNumberOfMessages"));
        Call queued = store.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.QUEUED, queued.status());
        assertEquals(ScheduledReason.REQUESTED, queued.scheduledReason());

        clock.set(T0.plus(Duration.ofSeconds(561)));
        assertEquals(0, scheduler.run().due(), "it left the due index");
        assertEquals(1, delays.size(), "sent once");
    }

    @Test
    void aRunThatFollowsMissedRunsCatchesUpWithEveryCallDueSinceAndSendsThemAtOnce() {
        List<Call> calls = List.of(scheduledCall(T0.plusSeconds(60)), scheduledCall(T0.plusSeconds(120)),
                scheduledCall(T0.plusSeconds(180)));

        clock.set(T0.plus(Duration.ofMinutes(10)));
        ScheduleReport report = scheduler(queue()).run();

        assertEquals(3, report.enqueued());
        assertEquals(3, report.late());
        assertEquals(Set.of(0), Set.copyOf(delays.values()), "already due: no delay");
        assertEquals(ids(calls), ids(receiveAll(3)));
        assertTrue(report.logLine(Json.standard()).contains("\"ScheduledCallsLate\":3"), report.logLine(Json.standard()));
    }

    @Test
    void twoSchedulersAtOnceEnqueueEachCallOnce() throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(scheduledCall(T0.plusSeconds(i % 50)));
        }
        clock.set(T0.plusSeconds(60));
        CountDownLatch ready = new CountDownLatch(2);
        List<CompletableFuture<ScheduleReport>> runs = new ArrayList<>();
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            DueCallScheduler scheduler = scheduler(queue());
            runs.add(CompletableFuture.supplyAsync(() -> {
                ready.countDown();
                try {
                    ready.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return scheduler.run();
            }, two));
        }
        two.shutdown();
        int enqueued = 0;
        for (CompletableFuture<ScheduleReport> run : runs) {
            enqueued += run.get().enqueued();
        }

        assertEquals(200, enqueued);
        List<OriginateMessage> messages = receiveAll(200);
        assertEquals(200, messages.size(), "no call sent twice");
        assertEquals(ids(calls), ids(messages));
    }

    @Test
    void aCallCanceledWhileScheduledIsNeverEnqueued() {
        Call call = scheduledCall(T0.plusSeconds(30));
        Call kept = scheduledCall(T0.plusSeconds(30));

        CancelResult canceled = store.cancel(call.callId(), TENANT, T0.plusSeconds(1));

        assertEquals(CancelResult.Outcome.CANCELED, canceled.outcome());
        assertEquals(CallStatus.CANCELED, store.find(call.callId()).orElseThrow().status());
        clock.set(T0.plusSeconds(30));
        ScheduleReport report = scheduler(queue()).run();
        assertEquals(1, report.enqueued());
        assertEquals(Set.of(kept.callId()), ids(receiveAll(1)));
        assertEquals(CallStatus.CANCELED, store.find(call.callId()).orElseThrow().status());
    }

    @Test
    void aCallMovedToQueuedWhoseMessageNeverLeftIsSentAgainByTheSweeperAfterItsNotBefore() {
        Instant notBefore = T0.plusSeconds(30);
        Call call = scheduledCall(notBefore);
        // A run that dies between its write and its send: here the queue refuses every message.
        OriginateQueue gone = new SqsOriginateQueue(aws.sqs(), queueUrl + "-gone", codec);

        ScheduleReport report = scheduler(gone).run();

        assertEquals(1, report.unsent());
        assertEquals(CallStatus.QUEUED, store.find(call.callId()).orElseThrow().status());
        QueuedCallSweeper sweeper = new QueuedCallSweeper(new DynamoQueuedCalls(aws.dynamoDb(), "CallsTable", store),
                queue(), SweepSettings.defaults(), clock);
        clock.set(notBefore.plus(SweepSettings.DEFAULT_QUEUED_FOR).minusSeconds(1));
        assertEquals(0, sweeper.sweep().requeued(), "its wait counts from its notBefore");
        clock.set(notBefore.plus(SweepSettings.DEFAULT_QUEUED_FOR).plusSeconds(1));
        assertEquals(1, sweeper.sweep().requeued());
        assertEquals(Set.of(call.callId()), ids(receiveAll(1)));
    }

    @Test
    void theSchedulersMessageAndTheSweepersResendCarryTheTenantsCallingWindowForTheBridgeToCheck() {
        CallingWindow window = new CallingWindow(OutsideWindow.SCHEDULE, Map.of(DayOfWeek.MONDAY,
                List.of(LocalHours.of("08:00", "21:00"))));
        Tenant tenant = tenants.profile(TENANT).orElseThrow().tenant();
        tenants.put(tenant.withSettings(tenant.name(), tenant.settings().withCallingWindow(window)));
        Instant notBefore = T0; // due now: sent without a delay, so received at once
        Call call = scheduledCall(notBefore);

        assertEquals(1, scheduler(queue()).run().enqueued());
        OriginateMessage scheduledMessage = receiveAll(1).getFirst();
        assertEquals(window, scheduledMessage.window(), "the scheduler's message");

        QueuedCallSweeper sweeper = new QueuedCallSweeper(new DynamoQueuedCalls(aws.dynamoDb(), "CallsTable", store),
                queue(), tenants, SweepSettings.defaults(), clock);
        clock.set(notBefore.plus(SweepSettings.DEFAULT_QUEUED_FOR).plusSeconds(1));
        assertEquals(1, sweeper.sweep().requeued());
        OriginateMessage resent = receiveAll(1).getFirst();
        assertEquals(call.callId(), resent.callId());
        assertEquals(window, resent.window(), "the sweeper's message sent again");
    }

    /**
     * Suspension stops a scheduled call, not only new ones: held SCHEDULED with its notBefore, out of
     * the runs' way until the recheck, and sent once at the first recheck after reactivation.
     */
    @Test
    void aSuspendedTenantsScheduledCallIsHeldUntilTheFirstRecheckAfterReactivationThenSentOnce() {
        Instant notBefore = T0.plus(Duration.ofMinutes(10));
        Call call = scheduledCall(notBefore);
        Tenant active = tenants.profile(TENANT).orElseThrow().tenant();
        tenants.put(active.withSuspension(new Suspension("unpaid invoice", T0, "platform")));
        DueCallScheduler scheduler = scheduler(queue());

        clock.set(notBefore);
        ScheduleReport due = scheduler.run();

        assertEquals(1, due.due());
        assertEquals(1, due.held());
        assertEquals(0, due.enqueued());
        assertEquals(Map.of(), delays, "nothing sent");
        Call held = store.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.SCHEDULED, held.status());
        assertEquals(notBefore, held.notBefore(), "it goes as soon as it may once let go");
        assertEquals(ScheduledReason.REQUESTED, held.scheduledReason());
        assertTrue(due.logLine(Json.standard()).contains("\"ScheduledCallsHeld\":1"), due.logLine(Json.standard()));

        clock.set(notBefore.plus(Duration.ofMinutes(1)));
        ScheduleReport next = scheduler.run();
        assertEquals(0, next.due(), "a held call is not read again by the next run");
        assertEquals(0, next.held());

        tenants.put(active);
        Instant recheck = notBefore.plus(DueCallScheduler.SUSPENDED_RECHECK);
        clock.set(recheck.minus(scheduler.settings().lookahead()).minusSeconds(1));
        assertEquals(0, scheduler.run().due(), "reactivated, it still waits for its recheck");
        assertEquals(Map.of(), delays);

        clock.set(recheck);
        ScheduleReport released = scheduler.run();
        assertEquals(1, released.enqueued());
        assertEquals(0, released.held());
        assertEquals(0, released.late(), "held is not late: no run was missed");
        assertEquals(Map.of(call.callId(), 0), delays, "its notBefore is past: no delay");
        assertEquals(Set.of(call.callId()), ids(receiveAll(1)));
        assertEquals(CallStatus.QUEUED, store.find(call.callId()).orElseThrow().status());

        clock.set(recheck.plus(Duration.ofMinutes(1)));
        assertEquals(0, scheduler.run().due());
        assertEquals(1, delays.size(), "sent once");
    }

    @Test
    void aCallCanceledBetweenTheListingAndTheHoldIsNotHeldNorEverSent() {
        Call call = scheduledCall(T0.plusSeconds(30));
        Tenant active = tenants.profile(TENANT).orElseThrow().tenant();
        tenants.put(active.withSuspension(new Suspension("unpaid invoice", T0, "platform")));
        // The cancel lands after the run listed the call, before it holds it.
        ScheduledCalls cancelFirst = new ScheduledCalls() {
            @Override
            public List<DueCall> dueBefore(int shard, Instant before, int limit) {
                return scheduled.dueBefore(shard, before, limit);
            }

            @Override
            public java.util.Optional<Call> enqueue(DueCall due, Instant at) {
                return scheduled.enqueue(due, at);
            }

            @Override
            public int holdAll(List<DueCall> due, Instant recheckAt) {
                due.forEach(d -> store.cancel(d.callId(), TENANT, clock.instant()));
                return scheduled.holdAll(due, recheckAt);
            }

            @Override
            public boolean reschedule(String callId, int attempt, Instant notBefore, ScheduledReason reason) {
                return scheduled.reschedule(callId, attempt, notBefore, reason);
            }
        };
        clock.set(T0.plusSeconds(30));

        ScheduleReport report = new DueCallScheduler(cancelFirst, queue(), tenants, settings(), clock).run();

        assertEquals(0, report.held());
        assertEquals(1, report.movedOn());
        assertEquals(CallStatus.CANCELED, store.find(call.callId()).orElseThrow().status());
        tenants.put(active);
        clock.set(T0.plus(DueCallScheduler.SUSPENDED_RECHECK).plusSeconds(30));
        assertEquals(0, scheduler(queue()).run().due(), "not back in the due index");
        assertEquals(Map.of(), delays, "never sent");
        assertEquals(CallStatus.CANCELED, store.find(call.callId()).orElseThrow().status());
    }

    @Test
    void anUnknownTenantsScheduledCallGoesAsBefore() {
        Call call = Call.queued(callIds.next(), "tenant-without-profile", "+14045550123", "+14045550100", "did-main",
                null, null, "DynamicIVR", Map.of(), 30, T0, null, null).scheduledAt(T0, ScheduledReason.REQUESTED);
        store.create(call);

        ScheduleReport report = scheduler(queue()).run();

        assertEquals(0, report.held());
        assertEquals(1, report.enqueued());
        assertEquals(Set.of(call.callId()), ids(receiveAll(1)));
    }

    private Call scheduledCall(Instant notBefore) {
        Call call = Call.queued(callIds.next(), TENANT, "+14045550123", "+14045550100", "did-main", null, null,
                "DynamicIVR", Map.of(), 30, T0, null, null).scheduledAt(notBefore, ScheduledReason.REQUESTED);
        store.create(call);
        return call;
    }

    private DueCallScheduler scheduler(OriginateQueue queue) {
        return new DueCallScheduler(scheduled, queue, tenants, settings(), clock);
    }

    private static ScheduleSettings settings() {
        return new ScheduleSettings(SHARDS, Duration.ofMinutes(1), 10_000, 4);
    }

    /** The real queue; the delay each message is sent with is noted on its way. */
    private OriginateQueue queue() {
        SqsOriginateQueue sqs = new SqsOriginateQueue(aws.sqs(), queueUrl, codec);
        return new OriginateQueue() {
            @Override
            public void send(OriginateMessage message) {
                sqs.send(message);
            }

            @Override
            public List<OriginateMessage> sendAll(List<OriginateMessage> messages, ToIntFunction<OriginateMessage> delay) {
                return sqs.sendAll(messages, m -> {
                    int seconds = delay.applyAsInt(m);
                    delays.put(m.callId(), seconds);
                    return seconds;
                });
            }
        };
    }

    private int messagesOnQueue(String attribute) {
        return Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.fromValue(attribute))).attributesAsStrings().get(attribute));
    }

    private static Set<String> ids(List<?> callsOrMessages) {
        Set<String> ids = new HashSet<>();
        for (Object o : callsOrMessages) {
            ids.add(o instanceof Call c ? c.callId() : ((OriginateMessage) o).callId());
        }
        return ids;
    }

    /** Every message on the test's queue once {@code expected} have arrived (ElasticMQ answers at once). */
    private List<OriginateMessage> receiveAll(int expected) {
        List<OriginateMessage> messages = new ArrayList<>();
        for (int emptyAnswers = 0; messages.size() < expected || emptyAnswers == 0; ) {
            List<Message> batch = aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(messages.size() < expected ? 1 : 0)).messages();
            if (batch.isEmpty() && ++emptyAnswers > 20) {
                break;
            }
            for (Message message : batch) {
                messages.add(codec.decode(message.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return messages;
    }
}
