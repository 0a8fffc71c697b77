package io.outcall.core.tenant;

import io.outcall.core.phone.PhoneNumbers;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the caller-ID for a call that names none: the least recently used active DID, or with
 * local presence the least recently used of those in the callee's area.
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
    private final PhoneNumbers phones;
    private final Clock clock;

    public CallerIdPicker(TenantStore tenants, Clock clock) {
        this(tenants, new PhoneNumbers(), clock);
    }

    public CallerIdPicker(TenantStore tenants, PhoneNumbers phones, Clock clock) {
        this.tenants = tenants;
        this.phones = phones;
        this.clock = clock;
    }

    /** A DID chosen for a call, and why, as the call records it ({@code callerIdReason}). */
    public record Choice(Did did, String reason) {
    }

    /**
     * Chooses by the tenant's strategy. Local presence takes the least recently used active DID
     * sharing the callee's area ({@link PhoneNumbers#areaPrefix}), and the whole pool when none does.
     *
     * @param pool the DIDs the caller has just read with the tenant
     * @param to   the callee, E.164
     * @return empty when the tenant has no active DID
     */
    public Optional<Choice> choose(Tenant tenant, List<Did> pool, String to) {
        if (tenant.settings().callerIdStrategy() != CallerIdStrategy.LOCAL_PRESENCE) {
            return pick(tenant.tenantId(), pool).map(did -> new Choice(did, "leastRecentlyUsed"));
        }
        String area = phones.areaPrefix(to);
        if (area == null) {
            return pick(tenant.tenantId(), pool)
                    .map(did -> new Choice(did, "localPresence: the callee's number has no area; least recently used"));
        }
        Predicate<Did> local = did -> did.number().startsWith(area);
        if (pool.stream().anyMatch(did -> did.active() && local.test(did))) {
            Optional<Did> did = pick(tenant.tenantId(), pool, local);
            if (did.isPresent()) {
                return Optional.of(new Choice(did.get(), "localPresence: area " + area));
            }
        }
        return pick(tenant.tenantId(), pool)
                .map(did -> new Choice(did, "localPresence: no DID in area " + area + "; least recently used"));
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
        return pick(tenantId, pool, did -> true);
    }

    /** As {@link #pick(String, List)}, among the DIDs {@code eligible} accepts. */
    private Optional<Did> pick(String tenantId, List<Did> pool, Predicate<Did> eligible) {
        for (int round = 0; round < ROUNDS; round++) {
            List<Did> dids = round == 0 ? pool : tenants.dids(tenantId);
            List<Did> candidates = dids.stream().filter(Did::active).filter(eligible).sorted(LEAST_RECENTLY_USED).toList();
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
        Optional<Did> any = tenants.dids(tenantId).stream().filter(Did::active).filter(eligible)
                .sorted(LEAST_RECENTLY_USED).findFirst();
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
