package io.outcall.core.tenant;

import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caller-ID selection against the real conditional writes of DynamoDB Local. */
@ExtendWith(SharedLocalServices.class)
class CallerIdPickerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private static DynamoTenantStore store;
    private final String tenantId = "tenant-" + UUID.randomUUID();

    @BeforeAll
    static void start(LocalServices shared) {
        store = new DynamoTenantStore(shared.dynamoDb(), "TenantsTable");
    }

    @Test
    void sequentialPicksGoRoundThePoolLeastRecentlyUsedFirst() {
        putDids("did-a", "did-b", "did-c");
        CallerIdPicker picker = new CallerIdPicker(store, new SteppingClock(T0));

        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picked.add(picker.pick(tenantId).orElseThrow().didId());
        }

        assertEquals(List.of("did-a", "did-b", "did-c", "did-a", "did-b", "did-c", "did-a"), picked);
        assertEquals(Map.of("did-a", 3L, "did-b", 2L, "did-c", 2L), useCounts());
    }

    @Test
    void neverUsedComesFirstThenOldestUseThenFewestUses() {
        store.put(did("did-a", T0.plusSeconds(10), 1));
        store.put(did("did-b", T0.plusSeconds(5), 9));
        store.put(did("did-c", T0.plusSeconds(5), 2));
        store.put(did("did-d", null, 0));
        CallerIdPicker picker = new CallerIdPicker(store, new SteppingClock(T0.plusSeconds(60)));

        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picked.add(picker.pick(tenantId).orElseThrow().didId());
        }

        assertEquals(List.of("did-d", "did-c", "did-b", "did-a"), picked);
    }

    @Test
    void disabledDidsAreNeverPicked() {
        store.put(new Did(tenantId, "did-a", "+14045550100", null, false, null, 0));
        store.put(did("did-b", T0, 50));
        CallerIdPicker picker = new CallerIdPicker(store, new SteppingClock(T0.plusSeconds(1)));

        for (int i = 0; i < 3; i++) {
            assertEquals("did-b", picker.pick(tenantId).orElseThrow().didId());
        }
    }

    @Test
    void aTenantWithoutAnActiveDidGetsNone() {
        store.put(new Did(tenantId, "did-a", "+14045550100", null, false, null, 0));
        CallerIdPicker picker = new CallerIdPicker(store, new SteppingClock(T0));

        assertEquals(Optional.empty(), picker.pick(tenantId));
        assertEquals(Optional.empty(), picker.pick("tenant-" + UUID.randomUUID()));
    }

    @Test
    void aPickThatLosesTheRaceForADidTakesTheNextOne() {
        store.put(did("did-a", T0, 4));
        store.put(did("did-b", T0.plusSeconds(1), 4));
        // A rival request uses did-a between this pick's read and its write.
        TenantStore racing = new RivalFirst(store, new SteppingClock(T0.plusSeconds(30)), 1);
        CallerIdPicker picker = new CallerIdPicker(racing, new SteppingClock(T0.plusSeconds(60)));

        assertEquals("did-b", picker.pick(tenantId).orElseThrow().didId());
        assertEquals(Map.of("did-a", 5L, "did-b", 5L), useCounts(), "one use each: the rival's and ours");
    }

    @Test
    void aPickThatLosesEveryDidReadsThePoolAgain() {
        putDids("did-a", "did-b");
        // Rivals use both DIDs under the first round; the second round sees them used at 30 s and 31 s.
        TenantStore racing = new RivalFirst(store, new SteppingClock(T0.plusSeconds(30)), 2);
        CallerIdPicker picker = new CallerIdPicker(racing, new SteppingClock(T0.plusSeconds(60)));

        assertEquals("did-a", picker.pick(tenantId).orElseThrow().didId());
        assertEquals(Map.of("did-a", 2L, "did-b", 1L), useCounts());
    }

    @Test
    void aPoolTheCallerAlreadyReadServesTheFirstRoundWithoutAnotherRead() {
        putDids("did-a", "did-b");
        List<Did> pool = store.dids(tenantId);
        CountingReads counting = new CountingReads(store);
        CallerIdPicker picker = new CallerIdPicker(counting, new SteppingClock(T0.plusSeconds(60)));

        assertEquals("did-a", picker.pick(tenantId, pool).orElseThrow().didId());
        assertEquals(0, counting.reads.get());
    }

    @Test
    void aPoolTheCallerAlreadyReadIsReadAgainAfterLosingEveryDid() {
        putDids("did-a", "did-b");
        List<Did> pool = store.dids(tenantId);
        CountingReads counting = new CountingReads(new RivalFirst(store, new SteppingClock(T0.plusSeconds(30)), 2));
        CallerIdPicker picker = new CallerIdPicker(counting, new SteppingClock(T0.plusSeconds(60)));

        assertEquals("did-a", picker.pick(tenantId, pool).orElseThrow().didId());
        assertEquals(1, counting.reads.get());
        assertEquals(Map.of("did-a", 2L, "did-b", 1L), useCounts());
    }

    @Test
    void recordUseCountsADidTheRequestChoseItself() {
        putDids("did-a", "did-b");
        CallerIdPicker picker = new CallerIdPicker(store, new SteppingClock(T0));

        picker.recordUse(store.dids(tenantId).getFirst());

        assertEquals("did-b", picker.pick(tenantId).orElseThrow().didId());
        assertEquals(Map.of("did-a", 1L, "did-b", 1L), useCounts());
    }

    /**
     * 8 threads make 40 picks at once from 4 DIDs, all at the same instant. A DID's lastUsedAt is
     * absent until its first use and T0 after it, so a conditional write fails only on a DID that
     * was unused when read and got its first use meanwhile; the next round reads it used, so no
     * pick runs out of rounds and each records exactly one use.
     *
     * <p>Spread, for a DID d that ends with k uses: a pick lands elsewhere either after losing d's
     * first use (only picks in flight at that moment: at most 7), or on a DID x that sorted before
     * d, i.e. whose count when read was at most k. Each other x gets at most k + 8 of those: k
     * whose write came before the last such read, plus at most 8 in flight then. So
     * 40 <= k + 7 + 3(k + 8), which gives k >= 3 whatever the thread interleaving.
     */
    @Test
    void aBurstOfConcurrentPicksSpreadsOverThePoolAndRecordsEveryUse() throws Exception {
        putDids("did-a", "did-b", "did-c", "did-d");
        CallerIdPicker picker = new CallerIdPicker(store, Clock.fixed(T0, ZoneOffset.UTC));
        int threads = 8;
        int picksPerThread = 5;
        CyclicBarrier start = new CyclicBarrier(threads);

        List<Future<List<Optional<Did>>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Optional<Did>> picks = new ArrayList<>();
                    for (int i = 0; i < picksPerThread; i++) {
                        picks.add(picker.pick(tenantId));
                    }
                    return picks;
                }));
            }
        }
        List<Optional<Did>> picks = new ArrayList<>();
        for (Future<List<Optional<Did>>> result : results) {
            picks.addAll(result.get());
        }

        assertEquals(40, picks.size());
        assertTrue(picks.stream().allMatch(Optional::isPresent), "every pick returns a DID");
        Map<String, Long> picked = picks.stream().map(p -> p.orElseThrow().didId())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Long> recorded = useCounts();
        assertEquals(picked, recorded, "each pick is exactly one recorded use");
        assertEquals(40L, recorded.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(4, recorded.size());
        recorded.forEach((didId, uses) -> assertTrue(uses >= 3, didId + " used " + uses + " times: " + recorded));
    }

    private void putDids(String... didIds) {
        for (String didId : didIds) {
            store.put(did(didId, null, 0));
        }
    }

    private Did did(String didId, Instant lastUsedAt, long useCount) {
        return new Did(tenantId, didId, "+14045550100", null, true, lastUsedAt, useCount);
    }

    private Map<String, Long> useCounts() {
        return store.dids(tenantId).stream().collect(Collectors.toMap(Did::didId, Did::useCount));
    }

    /** Each reading is one second after the last: every use gets its own instant. */
    private static final class SteppingClock extends Clock {
        private final Instant start;
        private final AtomicLong ticks = new AtomicLong();

        SteppingClock(Instant start) {
            this.start = start;
        }

        @Override
        public Instant instant() {
            return start.plusSeconds(ticks.getAndIncrement());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** The real store behind every method; a fake overrides only what it changes. */
    private abstract static class ForwardingStore implements TenantStore {
        final TenantStore store;

        ForwardingStore(TenantStore store) {
            this.store = store;
        }

        @Override public Optional<TenantProfile> profile(String tenantId) { return store.profile(tenantId); }
        @Override public List<Did> dids(String tenantId) { return store.dids(tenantId); }
        @Override public boolean markUsed(Did did, Instant now) { return store.markUsed(did, now); }
        @Override public void recordUse(Did did, Instant now) { store.recordUse(did, now); }
        @Override public void recordUses(Did did, int uses, Instant now) { store.recordUses(did, uses, now); }
        @Override public void put(Tenant tenant) { store.put(tenant); }
        @Override public void put(Did did) { store.put(did); }
    }

    /** Counts the pool reads ({@code dids}) that reach the store. */
    private static final class CountingReads extends ForwardingStore {
        private final AtomicLong reads = new AtomicLong();

        CountingReads(TenantStore store) {
            super(store);
        }

        @Override
        public List<Did> dids(String tenantId) {
            reads.incrementAndGet();
            return store.dids(tenantId);
        }
    }

    /**
     * The real store, except that for the first {@code races} DIDs the picker tries to mark, a
     * rival request marks it first, as if it had run between the picker's read and its write.
     */
    private static final class RivalFirst extends ForwardingStore {
        private final Clock rivalClock;
        private final AtomicLong racesLeft;

        RivalFirst(TenantStore store, Clock rivalClock, int races) {
            super(store);
            this.rivalClock = rivalClock;
            this.racesLeft = new AtomicLong(races);
        }

        @Override
        public boolean markUsed(Did did, Instant now) {
            if (racesLeft.getAndDecrement() > 0) {
                assertTrue(store.markUsed(did, rivalClock.instant()), "the rival wins " + did.didId());
            }
            return store.markUsed(did, now);
        }
    }
}
