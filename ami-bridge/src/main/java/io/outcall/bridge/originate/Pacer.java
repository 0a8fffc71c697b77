package io.outcall.bridge.originate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Calls per second and concurrent calls, for all tenants and for each tenant. A call takes a
 * permit when it is dialed and gives it back when it ends. Rates are token buckets with a burst of
 * one second's worth. Each tenant's limits come with its calls (queue message version 2); a call
 * without them (version 1) is paced by the defaults this pacer was built with, and the latest
 * limits a tenant's call brought are the ones its later turns are spaced by.
 */
public final class Pacer {

    /** Why a call may not start now. */
    public enum Verdict { GO, WAIT_GLOBAL, WAIT_TENANT }

    private final Bucket global;
    private final int maxConcurrent;
    private final TenantLimits defaults;
    private final Map<String, TenantLimits> tenantLimits = new HashMap<>();
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> tenantBuckets = new HashMap<>();
    private final Map<String, Integer> tenantActive = new HashMap<>();
    /** When the last call of each tenant turned away is due to be looked at again (nanoTime). */
    private final Map<String, Long> tenantNextTurn = new HashMap<>();
    private int active;

    public Pacer(double callsPerSecond, int maxConcurrent, double tenantCallsPerSecond, int tenantMaxConcurrent,
                 LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.global = new Bucket(callsPerSecond, nanoTime.getAsLong());
        this.maxConcurrent = maxConcurrent;
        this.defaults = new TenantLimits(tenantCallsPerSecond, tenantMaxConcurrent);
    }

    /** A tenant's own limits; the rate a double so the bridge's defaults (e.g. 0.5 per second) fit too. */
    public record TenantLimits(double callsPerSecond, int concurrentCalls) {
    }

    /** Takes a permit for a call of {@code tenant}, under the bridge's default tenant limits. */
    public synchronized Verdict tryStart(String tenant) {
        return tryStart(tenant, null);
    }

    /**
     * Takes a permit for a call of {@code tenant} if every limit allows it now.
     *
     * @param limits the tenant's own limits as its call brought them; null: the defaults
     */
    public synchronized Verdict tryStart(String tenant, TenantLimits limits) {
        long now = nanoTime.getAsLong();
        if (active >= maxConcurrent || !global.available(now)) {
            return Verdict.WAIT_GLOBAL;
        }
        TenantLimits own = limits == null ? defaults : limits;
        if (!own.equals(tenantLimits.put(tenant, own))) {
            Bucket old = tenantBuckets.get(tenant);
            tenantBuckets.put(tenant, old == null ? new Bucket(own.callsPerSecond(), now) : old.withRate(own.callsPerSecond(), now));
        }
        Bucket tenantBucket = tenantBuckets.get(tenant);
        if (tenantActive.getOrDefault(tenant, 0) >= own.concurrentCalls() || !tenantBucket.available(now)) {
            return Verdict.WAIT_TENANT;
        }
        global.take();
        tenantBucket.take();
        active++;
        tenantActive.merge(tenant, 1, Integer::sum);
        return Verdict.GO;
    }

    /**
     * Counts a call this process did not start (adopted after a restart) as live, whatever the
     * limits say: it is up already, and its end gives back a permit like any other call's.
     */
    public synchronized void adopted(String tenant) {
        active++;
        tenantActive.merge(tenant, 1, Integer::sum);
    }

    /** Gives back the permit of a call that ended (or was never dialed). */
    public synchronized void finished(String tenant) {
        active = Math.max(0, active - 1);
        tenantActive.computeIfPresent(tenant, (t, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * For a call of {@code tenant} that was turned away: how long until it should be looked at
     * again. The tenant's turned-away calls are spaced at its rate, each behind those turned away
     * before it, so they come back about when they can go; all coming back together would let one
     * second's worth through and turn the rest away again.
     */
    public synchronized Duration untilTurn(String tenant) {
        long now = nanoTime.getAsLong();
        long spacing = (long) (1e9 / tenantLimits.getOrDefault(tenant, defaults).callsPerSecond());
        long turn = Math.max(now, tenantNextTurn.getOrDefault(tenant, now)) + spacing;
        tenantNextTurn.put(tenant, turn);
        if (tenantNextTurn.size() > 1_000) {
            tenantNextTurn.values().removeIf(t -> t < now);
        }
        return Duration.ofNanos(turn - now);
    }

    /** Nanoseconds until the global rate allows another call; 0 when it does now. */
    public synchronized long nanosUntilGlobalToken() {
        return global.nanosUntilToken(nanoTime.getAsLong());
    }

    public synchronized int active() {
        return active;
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long updatedAt;

        Bucket(double perSecond, long now) {
            this.perNano = perSecond / 1e9;
            this.capacity = Math.max(1, perSecond);
            this.tokens = capacity;
            this.updatedAt = now;
        }

        /** The same bucket at a new rate, keeping the tokens it holds (up to the new capacity). */
        Bucket withRate(double perSecond, long now) {
            available(now);
            Bucket changed = new Bucket(perSecond, now);
            changed.tokens = Math.min(changed.capacity, tokens);
            return changed;
        }

        boolean available(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
            return tokens >= 1;
        }

        void take() {
            tokens -= 1;
        }

        long nanosUntilToken(long now) {
            available(now);
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
