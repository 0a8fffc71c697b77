package io.outcall.core.tenant;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the caller-ID for a call that names none: the least recently used active DID.
 *
 * <p>Concurrent requests read the same pool, so the pick is claimed with a conditional write on
 * the DID's use count. A request that loses the race tries the next DID in its order rather
 * than re-reading, which spreads a burst over the pool instead of piling it on one number.
 */
public final class CallerIdPicker {

    private static final int ROUNDS = 3;
    private static final Comparator<Did> LEAST_RECENTLY_USED = Comparator
            .comparing(Did::lastUsedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Did::useCount)
            .thenComparing(Did::didId);

    private final TenantStore tenants;
    private final Clock clock;

    public CallerIdPicker(TenantStore tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    /** @return the DID now marked used, or empty when the tenant has no active DID */
    public Optional<Did> pick(String tenantId) {
        return pick(tenantId, tenants.dids(tenantId));
    }

    /**
     * As {@link #pick(String)}, starting from a pool the caller has just read, so the first round
     * costs no read of its own; later rounds, after lost races, read the pool again.
     */
    public Optional<Did> pick(String tenantId, List<Did> pool) {
        for (int round = 0; round < ROUNDS; round++) {
            List<Did> dids = round == 0 ? pool : tenants.dids(tenantId);
            List<Did> candidates = dids.stream().filter(Did::active).sorted(LEAST_RECENTLY_USED).toList();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (Did did : candidates) {
                if (tenants.markUsed(did, clock.instant())) {
                    return Optional.of(did);
                }
            }
        }
        // Every DID changed under us three times over: the pool is hot, so any of them is as good,
        // but its use still counts.
        Optional<Did> any = tenants.dids(tenantId).stream().filter(Did::active).sorted(LEAST_RECENTLY_USED).findFirst();
        any.ifPresent(did -> tenants.recordUse(did, clock.instant()));
        return any;
    }

    /**
     * The order a batch takes caller-IDs in: the active DIDs, least recently used first. A batch
     * deals its calls round-robin over this order and records each DID's uses in one write
     * ({@link #recordUses}), so a thousand calls cost as many writes as the pool has DIDs, and no
     * conditional write per call piles onto one DID's item.
     */
    public List<Did> rotation(List<Did> pool) {
        return pool.stream().filter(Did::active).sorted(LEAST_RECENTLY_USED).toList();
    }

    /** Counts {@code uses} uses of a DID at once, for a batch; least-recently-used selection accounts for them. */
    public void recordUses(Did did, int uses) {
        tenants.recordUses(did, uses, clock.instant());
    }

    /** Counts a use of a DID the caller chose itself, so least-recently-used selection accounts for it. */
    public void recordUse(Did did) {
        tenants.recordUse(did, clock.instant());
    }
}
