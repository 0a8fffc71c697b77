package io.outcall.core.intake;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Suspension;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantLimits;
import io.outcall.core.tenant.TenantSettings;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch intake on DynamoDB Local and ElasticMQ, with throttling and partial failures injected into real requests. */
@ExtendWith(SharedLocalServices.class)
class BatchCallIntakeTest {

    private static LocalServices local;

    @BeforeAll
    static void start(LocalServices shared) {
        local = shared;
    }

    private static BatchFixture fixture(ExecutionInterceptor interceptor) {
        return new BatchFixture(local, interceptor);
    }

    @Test
    void mixedItemsAreAnsweredInOrderAndOnlyTheGoodOnesBecomeCalls() {
        BatchFixture f = fixture(new InjectedFailures());
        List<BatchItem> items = List.of(
                f.item("+1 404 555 0123", null, 0),
                f.item("12", null, 1),
                BatchItem.of(new CallRequest("+14045550124", "did-sales", null, null, null, null), null, null),
                BatchItem.of(new CallRequest("+14045550125", null, "NotAllowed", null, null, null), null, null),
                new BatchItem(null, null, null, List.of(new io.outcall.core.validation.Violation("ringTimeoutSeconds",
                        "must be a whole number"))),
                f.item("+14045550126", null, 5));

        List<BatchOutcome> outcomes = f.accept(items);

        assertEquals(List.of(0, 1, 2, 3, 4, 5), outcomes.stream().map(BatchOutcome::index).toList());
        assertEquals(List.of(true, false, true, false, false, true), outcomes.stream().map(BatchOutcome::isAccepted).toList());
        assertEquals("to", violations(outcomes.get(1)).getFirst());
        assertEquals("context", violations(outcomes.get(3)).getFirst());
        assertEquals("ringTimeoutSeconds", violations(outcomes.get(4)).getFirst());
        assertEquals("+14045550101", outcomes.get(2).accepted().call().from(), "a named caller-ID is kept");
        Set<String> accepted = new HashSet<>();
        for (BatchOutcome outcome : outcomes.stream().filter(BatchOutcome::isAccepted).toList()) {
            Call stored = f.calls.find(outcome.accepted().call().callId()).orElseThrow();
            assertEquals(CallStatus.QUEUED, stored.status());
            accepted.add(stored.callId());
        }
        assertEquals(accepted, callIdsOf(f.drainQueue()), "each accepted call queued once, nothing else");
    }

    /**
     * A batch is held to the tenant as a single call is: a suspended tenant's batch is refused whole
     * and writes nothing; a batch's calls carry the tenant's limits to the bridge and its timeline
     * retention, and say how their caller-ID was chosen.
     */
    @Test
    void aBatchKeepsTheTenantsSuspensionLimitsAndRetentionAsASingleCallDoes() {
        BatchFixture f = fixture(new InjectedFailures());
        Tenant tenant = f.tenants.profile(f.tenantId).orElseThrow().tenant();
        TenantSettings settings = tenant.settings();
        f.tenants.put(tenant.withSettings(tenant.name(), new TenantSettings(settings.defaultRegion(),
                settings.defaultContext(), settings.allowedContexts(), settings.ringTimeoutSeconds(),
                settings.callerIdStrategy(), new TenantLimits(3, 7), 30)));

        List<BatchOutcome> outcomes = f.accept(List.of(f.item(BatchFixture.number(0), null, 0),
                BatchItem.of(new CallRequest("+14045550124", "did-sales", null, null, null, null), null, null)));

        assertEquals(List.of(), refusals(outcomes));
        Call dealt = f.calls.find(outcomes.get(0).accepted().call().callId()).orElseThrow();
        assertEquals("batchRotation", dealt.callerIdReason());
        assertEquals("requested", f.calls.find(outcomes.get(1).accepted().call().callId()).orElseThrow().callerIdReason());
        assertEquals(dealt.createdAt().plus(java.time.Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                dealt.timelineExpiresAt(), "the tenant's retention, kept as a TTL in whole seconds");
        OriginateMessageCodec codec = new OriginateMessageCodec(Json.standard());
        List<Message> queued = f.drainQueue();
        assertEquals(2, queued.size());
        for (Message message : queued) {
            assertEquals(new TenantLimits(3, 7), codec.decode(message.body()).limits(), "the tenant's limits travel with the call");
        }

        f.tenants.put(f.tenants.profile(f.tenantId).orElseThrow().tenant()
                .withSuspension(new Suspension("unpaid invoice", java.time.Instant.now(), "platform")));
        long before = tenantCallCount(f);
        TenantSuspendedException refused = assertThrows(TenantSuspendedException.class,
                () -> f.accept(f.items(3, null)));
        assertTrue(refused.getMessage().contains("unpaid invoice"), refused.getMessage());
        assertEquals(before, tenantCallCount(f), "a suspended tenant's batch writes nothing");
        assertEquals(List.of(), f.drainQueue(), "and queues nothing");
    }

    @Test
    void aRetriedBatchCreatesNothingTwice() {
        BatchFixture f = fixture(new InjectedFailures());
        List<BatchItem> items = f.items(230, "order-batch-7"); // crosses transaction (100) and write (25) chunks

        List<BatchOutcome> first = f.accept(items);
        List<BatchOutcome> again = f.accept(items);

        assertTrue(first.stream().allMatch(BatchOutcome::isAccepted));
        assertTrue(first.stream().noneMatch(o -> o.accepted().replayed()));
        assertTrue(again.stream().allMatch(o -> o.isAccepted() && o.accepted().replayed()), "all replayed");
        for (int i = 0; i < items.size(); i++) {
            assertEquals(first.get(i).accepted().call().callId(), again.get(i).accepted().call().callId(), "item " + i);
        }
        assertEquals(230, tenantCallCount(f));
        // A replayed call still QUEUED is queued again, as a single retry does: the bridge's claim dials it once.
        assertEquals(first.stream().map(o -> o.accepted().call().callId()).collect(Collectors.toSet()),
                callIdsOf(f.drainQueue()));
    }

    @Test
    void concurrentRetriesOfOneBatchCreateAtMostOneCallPerItem() throws Exception {
        BatchFixture f = fixture(new InjectedFailures());
        List<BatchItem> items = f.items(150, "order-batch-race");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<BatchOutcome>>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit((Callable<List<BatchOutcome>>) () -> f.accept(items)));
            }
            List<List<BatchOutcome>> results = new ArrayList<>();
            for (Future<List<BatchOutcome>> run : runs) {
                results.add(run.get());
            }
            for (int i = 0; i < items.size(); i++) {
                Set<String> ids = new HashSet<>();
                for (List<BatchOutcome> result : results) {
                    BatchOutcome outcome = result.get(i);
                    if (outcome.isAccepted()) {
                        ids.add(outcome.accepted().call().callId());
                    } else {
                        assertInstanceOf(IntakeUnavailableException.class, outcome.refusal(), "item " + i);
                    }
                }
                assertTrue(ids.size() <= 1, "item " + i + " became calls " + ids);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(150, tenantCallCount(f), "one call per item, whoever won each key");
    }

    @Test
    void aKeyReusedForAnotherCallIsAConflictForThatItemOnly() {
        BatchFixture f = fixture(new InjectedFailures());
        List<BatchItem> items = f.items(3, "order-batch-9");
        List<BatchOutcome> first = f.accept(items);
        List<BatchItem> changed = new ArrayList<>(items);
        changed.set(1, f.item("+14045550177", "order-batch-9", 1));

        List<BatchOutcome> again = f.accept(changed);

        assertTrue(again.get(0).accepted().replayed());
        IdempotencyConflictException conflict = assertInstanceOf(IdempotencyConflictException.class, again.get(1).refusal());
        assertEquals(first.get(1).accepted().call().callId(), conflict.callId());
        assertTrue(again.get(2).accepted().replayed());
    }

    @Test
    void aStepRepeatedInOneBatchIsRefusedNotDialedTwice() {
        BatchFixture f = fixture(new InjectedFailures());
        var journey = new io.outcall.core.call.JourneyRef("j-1", "exec-1", "step-1");
        IdempotencyKey key = IdempotencyKey.ofJourneyStep(f.tenantId, "exec-1", "step-1");
        CallRequest call = new CallRequest("+14045550123", null, null, null, null, null);

        List<BatchOutcome> outcomes = f.accept(List.of(BatchItem.of(call, key, journey), BatchItem.of(call, key, journey)));

        assertTrue(outcomes.get(0).isAccepted());
        assertEquals("stepId", violations(outcomes.get(1)).getFirst());
        assertEquals(1, tenantCallCount(f));
    }

    @Test
    void throttlingMidBatchIsRetriedAndEveryCallWrittenOnce() {
        InjectedFailures failures = new InjectedFailures()
                .throttleBatchWrites(n -> n == 2 || n == 5)                                // whole requests refused
                .leaveUnprocessed((n, to) -> n <= 6 && to.hashCode() % 3 == 0);             // a third left undone, early on
        BatchFixture f = fixture(failures);

        List<BatchOutcome> outcomes = f.accept(f.items(200, "throttled"));

        assertTrue(outcomes.stream().allMatch(BatchOutcome::isAccepted), () -> refusals(outcomes).toString());
        assertEquals(200, tenantCallCount(f));
        assertTrue(failures.batchWrites.get() > 8, "retries were needed: " + failures.batchWrites.get() + " writes");
        assertEquals(200, f.drainQueue().size());
    }

    @Test
    void itemsStillThrottledAfterEveryRetryAre503sWithNothingLeftBehind() {
        String stuck = BatchFixture.number(3);
        InjectedFailures failures = new InjectedFailures().leaveUnprocessed((n, to) -> to.equals(stuck));
        BatchFixture f = fixture(failures);
        List<BatchItem> items = f.items(30, "stuck-batch");

        List<BatchOutcome> outcomes = f.accept(items);

        IntakeUnavailableException down = assertInstanceOf(IntakeUnavailableException.class, outcomes.get(3).refusal());
        assertNull(down.callId(), "nothing was recorded");
        assertEquals(29, outcomes.stream().filter(BatchOutcome::isAccepted).count());
        assertEquals(29, tenantCallCount(f));
        assertEquals(29, f.drainQueue().size());

        failures.leaveUnprocessed((n, to) -> false);
        List<BatchOutcome> retried = f.accept(items);
        assertTrue(retried.get(3).isAccepted() && !retried.get(3).accepted().replayed(), "its key was freed: created now");
        assertEquals(30, tenantCallCount(f));
    }

    @Test
    void sqsEntriesFailingForAWhileAreSentAgainOnce() {
        Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        InjectedFailures failures = new InjectedFailures().failEntries((n, body) -> body.hashCode() % 2 == 0
                && failedOnce.add(body));
        BatchFixture f = fixture(failures);

        List<BatchOutcome> outcomes = f.accept(f.items(40, null));

        assertTrue(outcomes.stream().allMatch(BatchOutcome::isAccepted), () -> refusals(outcomes).toString());
        assertFalse(failedOnce.isEmpty());
        List<Message> queued = f.drainQueue();
        assertEquals(40, queued.size());
        assertEquals(40, callIdsOf(queued).size(), "each call queued once");
    }

    @Test
    void aCallThatCannotBeQueuedEndsFailedAndIsReportedWithItsId() {
        String unlucky = BatchFixture.number(7);
        InjectedFailures failures = new InjectedFailures().failEntries((n, body) -> body.contains(unlucky));
        BatchFixture f = fixture(failures);

        List<BatchOutcome> outcomes = f.accept(f.items(12, "queue-down"));

        IntakeUnavailableException down = assertInstanceOf(IntakeUnavailableException.class, outcomes.get(7).refusal());
        Call failed = f.calls.find(down.callId()).orElseThrow();
        assertEquals(CallStatus.FAILED, failed.status());
        assertTrue(failed.failureReason().startsWith("QUEUE_UNAVAILABLE"), failed.failureReason());
        assertEquals(11, outcomes.stream().filter(BatchOutcome::isAccepted).count());
        assertEquals(11, f.drainQueue().size());
    }

    @Test
    void aBatchOverTheLimitIsRefusedNamingTheField() {
        BatchFixture f = fixture(new InjectedFailures());
        InvalidCallRequestException refused = assertThrows(InvalidCallRequestException.class,
                () -> f.accept(f.items(BatchCallIntake.MAX_CALLS + 1, null)));
        assertEquals("calls", refused.violations().getFirst().field());
        assertEquals(0, tenantCallCount(f));
    }

    @Test
    void callerIdsAreDealtOverThePoolWithOneWritePerDid() {
        InjectedFailures counting = new InjectedFailures();
        BatchFixture f = fixture(counting);
        int before = counting.requests.get();

        List<BatchOutcome> outcomes = f.accept(f.items(100, null));
        List<String> asked = List.copyOf(counting.requestNames.subList(before, counting.requestNames.size()));

        Map<String, Long> byDid = outcomes.stream().collect(Collectors.groupingBy(o -> o.accepted().call().from(),
                Collectors.counting()));
        assertEquals(Map.of("+14045550100", 50L, "+14045550101", 50L), byDid, "spread evenly, the inactive DID unused");
        Map<String, Long> uses = f.tenants.dids(f.tenantId).stream().collect(Collectors.toMap(Did::didId, Did::useCount));
        assertEquals(Map.of("did-main", 50L, "did-sales", 50L, "did-old", 0L), uses);
        // 1 tenant read, 4 BatchWriteItem, 2 DID writes, 10 SendMessageBatch.
        assertEquals(17, asked.size(), "requests for 100 calls: " + asked);
    }

    private static List<String> violations(BatchOutcome outcome) {
        return assertInstanceOf(InvalidCallRequestException.class, outcome.refusal()).violations().stream()
                .map(io.outcall.core.validation.Violation::field).toList();
    }

    private static List<String> refusals(List<BatchOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.isAccepted()).map(o -> o.index() + ": " + o.refusal()).toList();
    }

    private static Set<String> callIdsOf(List<Message> messages) {
        return messages.stream().map(m -> m.body().replaceAll(".*\"callId\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
    }

    /** Every page of the scan: the shared table holds the other tests' calls too. */
    private static long tenantCallCount(BatchFixture f) {
        return f.dynamoDb.scanPaginator(b -> b.tableName("CallsTable").consistentRead(true)
                        .filterExpression("tenantId = :t").expressionAttributeValues(Map.of(":t",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(f.tenantId))))
                .stream().mapToLong(page -> page.count()).sum();
    }
}
