package io.outcall.core.sweep;

import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TenantStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds calls that have waited QUEUED too long and gets them dialed or ended. A call can be left
 * QUEUED for good when the process that recorded it died before queueing it, or when its message
 * was dead-lettered. The sweeper enqueues such a call again, which is harmless: the bridge's claim
 * dials a call at most once, so a second message for a call already dialed is only acknowledged.
 * After {@link SweepSettings#maxRequeues()} enqueues that no bridge claimed, the call ends FAILED
 * with {@code failureReason} NEVER_DIALED rather than being dialed hours late or never.
 *
 * <p>Every write is conditional on the call still being QUEUED, so a call a bridge claims, a tenant
 * cancels or intake fails meanwhile is left alone, and two sweeps at once enqueue it once.
 */
public final class QueuedCallSweeper {

    public static final String NEVER_DIALED = "NEVER_DIALED";

    private final QueuedCalls calls;
    private final OriginateQueue queue;
    private final TenantStore tenants;
    private final SweepSettings settings;
    private final Clock clock;

    /** A sweeper whose messages carry no tenant settings: the bridge's default limits, no calling window. */
    public QueuedCallSweeper(QueuedCalls calls, OriginateQueue queue, SweepSettings settings, Clock clock) {
        this(calls, queue, null, settings, clock);
    }

    /**
     * @param tenants read once per tenant and sweep, so a message sent again carries the tenant's
     *                limits and calling window as intake's did: the bridge checks the window again
     */
    public QueuedCallSweeper(QueuedCalls calls, OriginateQueue queue, TenantStore tenants, SweepSettings settings,
                             Clock clock) {
        this.calls = calls;
        this.queue = queue;
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
    }

    public SweepSettings settings() {
        return settings;
    }

    /** One run over every shard; failures are counted and the run goes on with the next call or shard. */
    public SweepReport sweep() {
        Instant now = clock.instant();
        Instant stuckBefore = now.minus(settings.queuedFor());
        SweepReport.Tally tally = new SweepReport.Tally();
        Map<String, Optional<Tenant>> sweepTenants = new HashMap<>();
        for (int shard = 0; shard < settings.shards(); shard++) {
            List<QueuedCall> stuck;
            try {
                stuck = calls.queuedBefore(shard, stuckBefore, settings.callsPerShard());
            } catch (RuntimeException e) {
                tally.failed("shard " + shard, e);
                continue;
            }
            for (QueuedCall call : stuck) {
                tally.stuck++;
                handle(call, now, sweepTenants, tally);
            }
        }
        return tally.report(now, settings);
    }

    private void handle(QueuedCall stuck, Instant now, Map<String, Optional<Tenant>> sweepTenants,
                        SweepReport.Tally tally) {
        try {
            if (stuck.requeues() >= settings.maxRequeues()) {
                if (calls.failNeverDialed(stuck.call(), neverDialedReason(stuck, now), now)) {
                    tally.neverDialed++;
                } else {
                    tally.movedOn++;
                }
            } else {
                // The tenant before the count: a call whose tenant cannot be read now waits for the next sweep.
                Optional<Tenant> tenant = tenantOf(stuck, sweepTenants);
                if (!calls.recordRequeue(stuck, now)) {
                    tally.movedOn++;
                    return;
                }
                // Counted first, so a sweep that dies here has spent one of the call's enqueues
                // rather than sent a message no count bounds.
                queue.send(OriginateMessage.forTenant(stuck.call(), tenant.map(Tenant::settings).orElse(null)));
                tally.requeued++;
            }
        } catch (RuntimeException e) {
            tally.failed("call " + stuck.call().callId(), e);
        }
    }

    /** Read once per sweep; empty without a tenant store, or for a tenant deleted meanwhile. */
    private Optional<Tenant> tenantOf(QueuedCall stuck, Map<String, Optional<Tenant>> sweepTenants) {
        if (tenants == null) {
            return Optional.empty();
        }
        return sweepTenants.computeIfAbsent(stuck.call().tenantId(),
                id -> tenants.profile(id).map(TenantProfile::tenant));
    }

    private static String neverDialedReason(QueuedCall stuck, Instant now) {
        long minutes = Duration.between(stuck.call().createdAt(), now).toMinutes();
        return NEVER_DIALED + ": no bridge claimed the call in " + minutes + " minutes QUEUED, though it was enqueued "
                + (stuck.requeues() + 1) + " times";
    }
}
