package io.outcall.core.schedule;

import io.outcall.core.call.Call;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TenantStore;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Queues the SCHEDULED calls that fall due: each run asks every shard of the due index for the
 * calls due before now plus the lookahead (open-ended into the past, so a run that was missed is
 * caught up by the next), moves each to QUEUED with a conditional write, then sends it with SQS
 * DelaySeconds for the time left until its notBefore.
 *
 * <p>At most once: the write comes before the send and only one writer wins it, so two runs at once
 * send a call once. A run that dies between the two leaves the call QUEUED, waiting since its
 * notBefore, without a message: the queued-call sweeper sends it again when it has waited too
 * long, and the bridge's claim dials it once whatever number of messages name it.
 *
 * <p>A suspended tenant's scheduled calls and retries wait: each run that finds them due holds them
 * SCHEDULED, their notBefore unchanged, and lists them as due again {@link #SUSPENDED_RECHECK} later
 * (left due, every run would read them first, and a big suspended tenant would use up each shard's
 * {@code callsPerShard} and starve the others). They go at the first recheck after the tenant is
 * reactivated. Calls already QUEUED are not the scheduler's: they still go. An unknown tenant's
 * calls go, without limits, as before.
 */
public final class DueCallScheduler {

    /** Calls enqueued in one task: moved to QUEUED together, their messages sent ten to a batch. */
    static final int CHUNK = ScheduledCalls.MOST_AT_ONCE;
    private static final Duration LATE = Duration.ofMinutes(1);
    /**
     * How long a suspended tenant's due call waits before a run looks at it again. It bounds the wait
     * after reactivation; a shorter one would re-read every held call (and its hold write) more often.
     */
    public static final Duration SUSPENDED_RECHECK = Duration.ofMinutes(15);

    private final ScheduledCalls calls;
    private final OriginateQueue queue;
    private final TenantStore tenants;
    private final ScheduleSettings settings;
    private final Clock clock;

    /** @param tenants read once per tenant and run, for the pacing limits each message carries to the bridge */
    public DueCallScheduler(ScheduledCalls calls, OriginateQueue queue, TenantStore tenants, ScheduleSettings settings,
                            Clock clock) {
        this.calls = calls;
        this.queue = queue;
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
    }

    public ScheduleSettings settings() {
        return settings;
    }

    /** One run over every shard; a failure is counted and the run goes on with the next call or shard. */
    public ScheduleReport run() {
        Instant now = clock.instant();
        Instant before = now.plus(settings.lookahead());
        ScheduleReport.Tally tally = new ScheduleReport.Tally();
        Map<String, Optional<Tenant>> runTenants = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.threads())) {
            List<Future<List<DueCall>>> shards = new ArrayList<>();
            for (int shard = 0; shard < settings.shards(); shard++) {
                int s = shard;
                shards.add(pool.submit(() -> calls.dueBefore(s, before, settings.callsPerShard())));
            }
            List<Future<?>> chunks = new ArrayList<>();
            for (int shard = 0; shard < shards.size(); shard++) {
                List<DueCall> due;
                try {
                    due = shards.get(shard).get();
                } catch (ExecutionException e) {
                    tally.failed("shard " + shard, asRuntime(e));
                    continue;
                }
                for (int from = 0; from < due.size(); from += CHUNK) {
                    List<DueCall> chunk = due.subList(from, Math.min(due.size(), from + CHUNK));
                    chunks.add(pool.submit(() -> enqueue(chunk, now, runTenants, tally)));
                }
            }
            for (Future<?> chunk : chunks) {
                chunk.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally.failed("run", new IllegalStateException("interrupted", e));
        } catch (ExecutionException e) {
            tally.failed("run", asRuntime(e));
        }
        return tally.report(now, settings);
    }

    private void enqueue(List<DueCall> chunk, Instant now, Map<String, Optional<Tenant>> runTenants,
                         ScheduleReport.Tally tally) {
        Map<String, Optional<Tenant>> chunkTenants = new HashMap<>();
        List<DueCall> ready = new ArrayList<>(chunk.size());
        for (DueCall due : chunk) {
            try {
                // The tenant first: a call whose tenant cannot be read now stays SCHEDULED for the next run.
                chunkTenants.put(due.tenantId(), runTenants.computeIfAbsent(due.tenantId(),
                        id -> tenants.profile(id).map(TenantProfile::tenant)));
                ready.add(due);
            } catch (RuntimeException e) {
                tally.failed("tenant " + due.tenantId() + " of call " + due.callId(), e);
            }
        }
        List<DueCall> going = holdSuspended(ready, chunkTenants, now, tally);
        List<Call> queued;
        try {
            queued = going.isEmpty() ? List.of() : calls.enqueueAll(going, now);
        } catch (RuntimeException e) {
            tally.failed("calls " + going.getFirst().callId() + " and " + (going.size() - 1) + " more", e);
            tally.add(chunk.size(), 0, 0, 0, 0);
            return;
        }
        List<OriginateMessage> messages = new ArrayList<>(queued.size());
        Map<String, Instant> notBefore = new HashMap<>();
        // Late against the index's due time, not notBefore: a call held for a suspended tenant goes
        // long after its notBefore, and that is no missed run.
        Map<String, Instant> dueAt = new HashMap<>();
        going.forEach(d -> dueAt.put(d.callId(), d.dueAt()));
        int late = 0;
        for (Call call : queued) {
            Optional<Tenant> tenant = chunkTenants.get(call.tenantId());
            // The tenant's limits and calling window as they are now: the bridge checks the window again.
            messages.add(OriginateMessage.forTenant(call, tenant.map(Tenant::settings).orElse(null)));
            notBefore.put(call.callId(), call.notBefore());
            if (dueAt.get(call.callId()).isBefore(now.minus(LATE))) {
                late++;
            }
        }
        int movedOn = going.size() - queued.size();
        int unsent;
        try {
            // Measured as late as possible, so a slow run delays a call less, never dials it early.
            unsent = queue.sendAll(messages, m -> secondsUntil(notBefore.get(m.callId()))).size();
        } catch (SdkException e) {
            tally.failed("sending " + messages.size() + " calls", e);
            unsent = messages.size();
        }
        tally.add(chunk.size(), messages.size() - unsent, late, movedOn, unsent);
    }

    /**
     * Holds the calls of suspended tenants ({@link ScheduledCalls#holdAll}) and returns the others,
     * to enqueue. A call not held moved on (canceled, say); a hold that fails is counted, and its
     * calls stay due for the next run to try again.
     */
    private List<DueCall> holdSuspended(List<DueCall> ready, Map<String, Optional<Tenant>> chunkTenants, Instant now,
                                        ScheduleReport.Tally tally) {
        List<DueCall> go = new ArrayList<>(ready.size());
        List<DueCall> wait = new ArrayList<>();
        for (DueCall due : ready) {
            // An unknown tenant (no profile) is not suspended: its calls go, as they always have.
            boolean suspended = chunkTenants.get(due.tenantId()).map(Tenant::suspended).orElse(false);
            (suspended ? wait : go).add(due);
        }
        if (!wait.isEmpty()) {
            try {
                int held = calls.holdAll(wait, now.plus(SUSPENDED_RECHECK));
                tally.held(held, wait.size() - held);
            } catch (RuntimeException e) {
                tally.failed("holding calls " + wait.getFirst().callId() + " and " + (wait.size() - 1)
                        + " more of suspended tenants", e);
            }
        }
        return go;
    }

    /** Whole seconds until the call's notBefore, rounded up so it never arrives early; 0 when past. */
    private int secondsUntil(Instant notBefore) {
        long millis = Duration.between(clock.instant(), notBefore).toMillis();
        return millis <= 0 ? 0 : (int) Math.min(OriginateQueue.MAX_DELAY_SECONDS, (millis + 999) / 1000);
    }

    private static RuntimeException asRuntime(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }
}
