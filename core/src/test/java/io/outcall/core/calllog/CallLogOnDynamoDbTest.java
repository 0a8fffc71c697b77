package io.outcall.core.calllog;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CancelResult;
import io.outcall.core.call.Disposition;
import io.outcall.core.dynamo.DynamoCallLogStore;
import io.outcall.core.dynamo.DynamoCallStatsStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.CallStatsQuery;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call log, lookups, statistics and cancel over DynamoDB Local with the tables and indexes of
 * template.yaml, on a few thousand calls of three tenants written through the production store
 * operations. Every expectation is recomputed from the raw calls.
 */
@ExtendWith(SharedLocalServices.class)
class CallLogOnDynamoDbTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(20);

    private static LocalServices aws;
    private static DynamoCallStore calls;
    private static CallLog log;
    private static CallStats stats;
    private static CursorCodec cursors;
    private static String tenantA;
    private static String tenantB;
    private static String tenantC;
    private static List<Call> callsOfA;
    private static List<Call> callsOfB;
    private static List<Call> callsOfC;

    @BeforeAll
    static void writeCalls(LocalServices shared) {
        aws = shared;
        calls = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
        cursors = new CursorCodec("a-test-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8));
        log = new CallLog(new DynamoCallLogStore(aws.dynamoDb(), "CallsTable"), cursors);
        stats = new CallStats(new DynamoCallStatsStore(aws.dynamoDb(), "CallStatsTable"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        tenantA = "tenant-a-" + run;
        tenantB = "tenant-b-" + run;
        tenantC = "tenant-c-" + run;
        callsOfA = GeneratedCalls.write(calls, tenantA, 1_500, START, SPAN, 1);
        callsOfB = GeneratedCalls.write(calls, tenantB, 1_000, START, SPAN, 2);
        callsOfC = GeneratedCalls.write(calls, tenantC, 500, START, SPAN, 3);
    }

    @Test
    void pagesReturnEveryCallExactlyOnceNewestFirstWhileCallsAreInserted() throws Exception {
        // Tenant C's calls: the inserts must not disturb the other tests' expectations.
        List<Call> expected = newestFirst(callsOfC);
        AtomicBoolean inserting = new AtomicBoolean(true);
        List<String> inserted = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread inserter = Thread.ofPlatform().start(() -> {
            SplittableRandom random = new SplittableRandom(7);
            while (inserting.get()) {
                // New calls are created now: newer than every call the pages walk through.
                inserted.add(GeneratedCalls.write(calls, tenantC, 1, Instant.now(), Duration.ofMillis(1),
                        random.nextLong()).getFirst().callId());
            }
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        CallLog.Page first = null;
        int pages = 0;
        do {
            CallLog.Page page = log.list(tenantC, query(Map.of(), 37, cursor));
            first = first == null ? page : first;
            page.calls().forEach(c -> seen.add(c.callId()));
            assertTrue(page.itemsRead() <= 2 * 37, "a page reads its ids and its calls, nothing more: " + page.itemsRead());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        inserting.set(false);
        inserter.join();

        List<String> seenBeforeInserts = seen.stream().filter(id -> !inserted.contains(id)).toList();
        assertEquals(expected.stream().map(Call::callId).toList(), seenBeforeInserts,
                "every call that existed when paging began, once, newest first");
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no call twice");
        assertTrue(pages >= expected.size() / 37, "paged, not one big read");
        assertFalse(inserted.isEmpty(), "calls were inserted while paging");
    }

    @Test
    void eachFilterReturnsExactlyTheCallsItDescribes() {
        Instant from = START.plus(Duration.ofDays(3)).plusSeconds(1234);
        Instant to = START.plus(Duration.ofDays(9)).plusMillis(777);
        Map<Map<String, String>, Predicate<Call>> cases = new LinkedHashMap<>();
        for (CallStatus status : CallStatus.values()) {
            cases.put(Map.of("status", status.name()), c -> c.status() == status);
        }
        for (Disposition disposition : Disposition.values()) {
            cases.put(Map.of("disposition", disposition.name().toLowerCase()), c -> c.disposition() == disposition);
        }
        cases.put(Map.of("number", "+14045550103"), c -> c.to().equals("+14045550103"));
        cases.put(Map.of("number", " 442079460123"), c -> c.to().equals("+442079460123"));
        cases.put(Map.of("journeyId", "journey-renewal"),
                c -> c.journey() != null && c.journey().journeyId().equals("journey-renewal"));
        cases.put(Map.of("from", from.toString(), "to", to.toString()),
                c -> !c.createdAt().isBefore(from) && c.createdAt().isBefore(to));
        cases.put(Map.of("status", "COMPLETED", "number", "+14045550101", "from", from.toString()),
                c -> c.status() == CallStatus.COMPLETED && c.to().equals("+14045550101") && !c.createdAt().isBefore(from));
        cases.put(Map.of("disposition", "BUSY", "journeyId", "journey-welcome", "to", to.toString()),
                c -> c.disposition() == Disposition.BUSY && c.journey() != null
                        && c.journey().journeyId().equals("journey-welcome") && c.createdAt().isBefore(to));
        cases.put(Map.of("status", "FAILED", "disposition", "CONGESTION"),
                c -> c.status() == CallStatus.FAILED && c.disposition() == Disposition.CONGESTION);

        for (var entry : cases.entrySet()) {
            List<String> expected = newestFirst(callsOfA.stream().filter(entry.getValue()).toList()).stream()
                    .map(Call::callId).toList();
            assertEquals(expected, allPages(tenantA, entry.getKey(), 25), "filter " + entry.getKey());
            assertFalse(expected.isEmpty(), "the generated calls exercise filter " + entry.getKey());
        }
    }

    @Test
    void aFilterServedByItsIndexReadsOnlyThePage() {
        CallLog.Page page = log.list(tenantA, query(Map.of("status", "COMPLETED"), 10, null));

        assertEquals(10, page.calls().size());
        assertEquals(20, page.itemsRead(), "10 ids from the by-status index, then those 10 calls: nothing read is skipped");
        assertTrue(page.calls().stream().allMatch(c -> c.status() == CallStatus.COMPLETED));
    }

    @Test
    void statisticsEqualTheFiguresRecomputedFromTheCalls() {
        for (StatsInterval interval : StatsInterval.values()) {
            Instant from = START.plus(Duration.ofDays(2));
            Instant to = START.plus(Duration.ofDays(interval == StatsInterval.HOUR ? 5 : 20));
            CallStats.Report report = stats.report(tenantA, CallStatsQuery.parse(
                    Map.of("from", from.toString(), "to", to.toString(), "interval", interval.wireName()), Instant.now()));

            Map<Instant, StatsBucket> expected = recompute(callsOfA, interval, from, to);
            StatsBucket expectedTotal = StatsBucket.empty(from);
            for (StatsBucket bucket : report.buckets()) {
                StatsBucket want = expected.getOrDefault(bucket.start(), StatsBucket.empty(bucket.start()));
                assertEquals(want, bucket, interval + " bucket " + bucket.start());
                expectedTotal = expectedTotal.plus(want);
            }
            assertEquals(expectedTotal, report.total(), interval + " total");
            assertEquals(counterItems(callsOfA, interval, from, to), report.itemsRead(),
                    "one counter item per bucket and counter shard with calls");
            assertTrue(report.total().calls() > 100, "the range holds many finished calls");
            assertEquals(expectedTotal.p90RingSeconds(), report.total().p90RingSeconds());
            assertEquals(expectedTotal.answerRate(), report.total().answerRate());
        }
    }

    @Test
    void noRequestOfOneTenantReadsCountsOrCancelsAnotherTenantsCalls() {
        Set<String> idsOfA = new HashSet<>(callsOfA.stream().map(Call::callId).toList());
        List<String> listedForB = allPages(tenantB, Map.of(), 100);
        assertEquals(callsOfB.size(), listedForB.size());
        assertTrue(listedForB.stream().noneMatch(idsOfA::contains), "B lists none of A's calls");
        for (String number : GeneratedCalls.NUMBERS) {
            assertTrue(allPages(tenantB, Map.of("number", number), 100).stream().noneMatch(idsOfA::contains));
        }

        CallStats.Report statsOfB = stats.report(tenantB, CallStatsQuery.parse(Map.of("from", START.toString(),
                "to", START.plus(SPAN).toString(), "interval", "day"), Instant.now()));
        assertEquals(callsOfB.stream().filter(c -> c.status().isFinal()).count(), statsOfB.total().calls(),
                "B's statistics count B's finished calls only");

        Call queuedOfA = callsOfA.stream().filter(c -> c.status() == CallStatus.QUEUED).findFirst().orElseThrow();
        CallLookup lookup = new CallLookup(calls, new io.outcall.core.dynamo.DynamoCallEventStore(aws.dynamoDb(), "CallEventsTable"));
        assertTrue(lookup.find(tenantB, queuedOfA.callId()).isEmpty(), "B cannot read A's call");
        assertEquals(CancelResult.Outcome.NOT_FOUND, calls.cancel(queuedOfA.callId(), tenantB, Instant.now()).outcome());
        assertEquals(CallStatus.QUEUED, calls.find(queuedOfA.callId()).orElseThrow().status(), "A's call is untouched");

        String cursorOfA = log.list(tenantA, query(Map.of(), 5, null)).nextCursor();
        InvalidQueryException e = assertThrows(InvalidQueryException.class,
                () -> log.list(tenantB, query(Map.of(), 5, cursorOfA)));
        assertEquals("cursor", e.violations().getFirst().field());
    }

    @Test
    void aCursorEditedByHandOrUsedWithOtherFiltersIsRefusedByName() {
        String cursor = log.list(tenantA, query(Map.of("status", "COMPLETED"), 5, null)).nextCursor();
        char last = cursor.charAt(cursor.length() - 1);
        String edited = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        String editedPayload = (cursor.charAt(0) == 'A' ? 'B' : 'A') + cursor.substring(1);

        for (String bad : List.of(edited, editedPayload, "not-a-cursor", cursor + ".x")) {
            InvalidQueryException e = assertThrows(InvalidQueryException.class,
                    () -> log.list(tenantA, query(Map.of("status", "COMPLETED"), 5, bad)), bad);
            assertEquals("cursor", e.violations().getFirst().field());
        }
        InvalidQueryException otherFilters = assertThrows(InvalidQueryException.class,
                () -> log.list(tenantA, query(Map.of("status", "BUSY"), 5, cursor)));
        assertTrue(otherFilters.getMessage().contains("other filters"), otherFilters.getMessage());
        assertEquals(5, log.list(tenantA, query(Map.of("status", "COMPLETED"), 5, cursor)).calls().size(),
                "the untouched cursor still works");
    }

    @Test
    void cancelStopsAQueuedCallAtOnceAndCountsItOnce() {
        Instant created = Instant.now();
        String tenant = "tenant-cancel-" + UUID.randomUUID();
        List<Call> generated = GeneratedCalls.write(calls, tenant, 40, created, Duration.ofMillis(5), 11);
        long canceledBefore = generated.stream().filter(c -> c.status() == CallStatus.CANCELED).count();
        Call queued = generated.stream().filter(c -> c.status() == CallStatus.QUEUED).findFirst().orElseThrow();

        CancelResult canceled = calls.cancel(queued.callId(), tenant, created.plusSeconds(5));
        assertEquals(CancelResult.Outcome.CANCELED, canceled.outcome());
        assertEquals(CallStatus.CANCELED, canceled.call().status());
        assertEquals(Disposition.CANCELED, canceled.call().disposition());
        assertEquals(created.plusSeconds(5), canceled.call().endedAt());
        assertEquals(calls.find(queued.callId()).orElseThrow(), canceled.call(), "the answer is the call as stored");
        assertEquals(io.outcall.core.call.ClaimResult.Outcome.NOT_QUEUED,
                calls.claim(queued.callId(), tenant, "bridge-x", "action-x", Instant.now()).outcome(),
                "the bridge's claim finds it canceled and does not dial");

        CancelResult again = calls.cancel(queued.callId(), tenant, created.plusSeconds(6));
        assertEquals(CancelResult.Outcome.ALREADY_FINAL, again.outcome());
        assertEquals(created.plusSeconds(5), again.call().endedAt(), "a second cancel changes nothing");
        CallStats.Report report = stats.report(tenant, CallStatsQuery.parse(Map.of(), Instant.now()));
        assertEquals(canceledBefore + 1, report.total().byStatus().getOrDefault(CallStatus.CANCELED, 0L),
                "each cancel counted once, the repeated one not at all");
    }

    @Test
    void cancelOfALiveCallFlagsItForItsBridgeOnly() {
        String tenant = "tenant-live-" + UUID.randomUUID();
        String callId = GeneratedCalls.newCallId(Instant.now(), new SplittableRandom(5));
        calls.create(Call.queued(callId, tenant, "+14045550101", "+14045550100", "did-main", null, null, "outbound",
                Map.of(), 30, Instant.now(), null, null));
        String bridge = "bridge-" + UUID.randomUUID();
        calls.claim(callId, tenant, bridge, "action-1", Instant.now());

        CancelResult requested = calls.cancel(callId, tenant, Instant.parse("2026-11-24T08:00:00Z"));

        assertEquals(CancelResult.Outcome.REQUESTED, requested.outcome());
        assertEquals(CallStatus.DIALING, requested.call().status(), "the bridge ends it, not the API");
        assertEquals(Instant.parse("2026-11-24T08:00:00Z"), requested.call().cancelRequestedAt());
        assertEquals(List.of(callId), calls.cancelRequests(bridge));
        assertEquals(List.of(), calls.cancelRequests("another-bridge"));
        assertEquals(Instant.parse("2026-11-24T08:00:00Z"),
                calls.cancel(callId, tenant, Instant.parse("2026-11-24T08:00:09Z")).call().cancelRequestedAt(),
                "asking twice keeps the first request time");
        assertEquals(CancelResult.Outcome.NOT_FOUND, calls.cancel(callId, "another-tenant", Instant.now()).outcome());

        calls.advance(new io.outcall.core.call.CallProgress(callId, tenant, CallStatus.CANCELED, Disposition.CANCELED,
                null, null, null, null, Instant.parse("2026-11-24T08:00:01Z"), 0, 0, null));
        assertEquals(List.of(), calls.cancelRequests(bridge), "a final call leaves the bridge's cancel list");
        CancelResult finished = calls.cancel(callId, tenant, Instant.now());
        assertEquals(CancelResult.Outcome.ALREADY_FINAL, finished.outcome());
        assertEquals(CallStatus.CANCELED, finished.call().status());
    }

    private static Map<Instant, StatsBucket> recompute(List<Call> calls, StatsInterval interval, Instant from, Instant to) {
        Map<Instant, StatsBucket> buckets = new LinkedHashMap<>();
        for (Call call : calls) {
            if (!call.status().isFinal() || call.createdAt().isBefore(from) || !call.createdAt().isBefore(to)) {
                continue;
            }
            Instant start = interval.floor(call.createdAt());
            buckets.merge(start, GeneratedCalls.counted(start, call), StatsBucket::plus);
        }
        return buckets;
    }

    /** The counter items the final calls of {@code [from, to)} fill: one per bucket and counter shard. */
    private static long counterItems(List<Call> calls, StatsInterval interval, Instant from, Instant to) {
        return calls.stream()
                .filter(c -> c.status().isFinal() && !c.createdAt().isBefore(from) && c.createdAt().isBefore(to))
                .map(c -> interval.floor(c.createdAt()) + "#" + io.outcall.core.dynamo.StatsItems.shardOf(c.callId()))
                .distinct().count();
    }

    private static List<String> allPages(String tenantId, Map<String, String> filters, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            CallLog.Page page = log.list(tenantId, query(filters, limit, cursor));
            page.calls().forEach(c -> ids.add(c.callId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private static CallLogQuery query(Map<String, String> filters, int limit, String cursor) {
        Map<String, String> parameters = new LinkedHashMap<>(filters);
        parameters.put("limit", String.valueOf(limit));
        if (cursor != null) {
            parameters.put("cursor", cursor);
        }
        return CallLogQuery.parse(parameters, new io.outcall.core.phone.PhoneNumbers());
    }

    private static List<Call> newestFirst(List<Call> calls) {
        return calls.stream().sorted(Comparator.comparing(Call::callId).reversed()).toList();
    }
}
