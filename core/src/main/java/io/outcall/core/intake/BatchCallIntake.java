package io.outcall.core.intake;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallAlreadyExistsException;
import io.outcall.core.call.CallBatchStore;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallException;
import io.outcall.core.dnc.DoNotCallLookup;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.tenant.CallerIdPicker;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.TenantSettings;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TenantStore;
import io.outcall.core.tenant.TransferPicker;
import io.outcall.core.window.CalleeTimeZones;
import io.outcall.core.window.CallingWindows;
import io.outcall.core.window.OutsideCallingWindowException;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accepts up to {@link #MAX_CALLS} calls at once, each as {@link CallIntake} would, in a few
 * requests: retry keys claimed a hundred to a transaction, calls written 25 to a BatchWriteItem,
 * messages queued 10 to a SendMessageBatch, each DID's uses recorded once per batch.
 *
 * <p>Every item is answered, in order, on its own: a bad number refuses its item, not the batch.
 * The single intake's failure rules hold per item: a key is claimed before its call is written and
 * freed again if the call is not; a call written but not queued ends FAILED
 * ({@code QUEUE_UNAVAILABLE}); a retried item whose call is still QUEUED is queued again.
 */
public final class BatchCallIntake {

    public static final int MAX_CALLS = 1_000;

    private final TenantStore tenants;
    private final CallStore calls;
    private final CallBatchStore batchCalls;
    private final IdempotencyStore idempotency;
    private final OriginateQueue queue;
    private final CallRequestValidator validator;
    private final CallerIdPicker callerIds;
    private final TransferPicker transfers;
    private final CallId callIds;
    private final CallingWindows windows;
    private final Clock clock;
    private final DoNotCallRule doNotCall;

    /** An intake without do-not-call lists (benchmarks, tests of other rules). */
    public BatchCallIntake(TenantStore tenants, CallStore calls, CallBatchStore batchCalls, IdempotencyStore idempotency,
                           OriginateQueue queue, CallRequestValidator validator, TransferPicker transfers, CallId callIds,
                           Clock clock) {
        this(tenants, calls, batchCalls, idempotency, queue, validator, transfers, callIds, clock, DoNotCallLookup.NONE);
    }

    /** @param doNotCall the tenant's and the platform's lists: a listed item is refused before anything is written */
    public BatchCallIntake(TenantStore tenants, CallStore calls, CallBatchStore batchCalls, IdempotencyStore idempotency,
                           OriginateQueue queue, CallRequestValidator validator, TransferPicker transfers, CallId callIds,
                           Clock clock, DoNotCallLookup doNotCall) {
        this.doNotCall = new DoNotCallRule(doNotCall);
        this.tenants = tenants;
        this.calls = calls;
        this.batchCalls = batchCalls;
        this.idempotency = idempotency;
        this.queue = queue;
        this.validator = validator;
        this.callerIds = new CallerIdPicker(tenants, clock);
        this.transfers = transfers;
        this.callIds = callIds;
        this.windows = new CallingWindows(new CalleeTimeZones());
        this.clock = clock;
    }

    /** @return one outcome per item, in the items' order */
    public List<BatchOutcome> accept(String tenantId, List<BatchItem> items) {
        if (items.size() > MAX_CALLS) {
            throw new InvalidCallRequestException("calls", "holds " + items.size() + " calls; at most " + MAX_CALLS
                    + " are accepted in one batch: split it");
        }
        TenantProfile profile = TenantAdmission.admit(tenants, tenantId);
        Instant now = clock.instant();
        List<BatchSlot> slots = new ArrayList<>(items.size());
        // Items of a batch often name the same prompt: each is read once.
        CallRequestValidator batchValidator = validator.withPrompts(validator.prompts().memoized());
        for (int i = 0; i < items.size(); i++) {
            slots.add(validate(new BatchSlot(i, items.get(i)), profile, batchValidator, now));
        }
        refuseListed(slots, tenantId);
        claimKeys(slots, now);
        findEarlierCalls(slots);
        applyCallingWindow(slots, profile, now);
        assignCalls(slots, profile, now);
        write(slots);
        recordDidUses(slots);
        enqueue(slots, profile.tenant().settings());
        return slots.stream().map(slot -> slot.outcome).toList();
    }

    private BatchSlot validate(BatchSlot slot, TenantProfile profile, CallRequestValidator validator, Instant now) {
        if (!slot.item.violations().isEmpty()) {
            slot.refuse(new InvalidCallRequestException(slot.item.violations()));
            return slot;
        }
        try {
            slot.valid = validator.validate(slot.item.call(), profile.tenant(), profile.dids(), now);
            slot.callId = callIds.next();
        } catch (InvalidCallRequestException invalid) {
            slot.refuse(invalid);
        }
        return slot;
    }

    /** Items whose number is on a do-not-call list: refused, all numbers looked up in a few batched reads. */
    private void refuseListed(List<BatchSlot> slots, String tenantId) {
        List<BatchSlot> valid = open(slots);
        if (valid.isEmpty()) {
            return;
        }
        Map<String, DncList> listed;
        try {
            listed = doNotCall.listedAmong(tenantId, valid.stream().map(slot -> slot.valid.to()).toList());
        } catch (IntakeUnavailableException down) {
            valid.forEach(slot -> slot.refuse(down));
            return;
        }
        for (BatchSlot slot : valid) {
            DncList list = listed.get(slot.valid.to());
            if (list != null) {
                slot.refuse(new DoNotCallException(list, slot.valid.to()));
            }
        }
    }

    private void claimKeys(List<BatchSlot> slots, Instant now) {
        Map<String, BatchSlot> byKey = new LinkedHashMap<>();
        for (BatchSlot slot : open(slots)) {
            if (slot.key() != null && byKey.putIfAbsent(slot.key().value(), slot) != null) {
                BatchSlot first = byKey.get(slot.key().value());
                slot.refuse(new InvalidCallRequestException(slot.item.journey() != null ? "stepId" : "Idempotency-Key",
                        "repeats the retry key of item " + first.index + "; one key asks for one call"));
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        List<IdempotencyRecord> records = byKey.values().stream().map(slot -> new IdempotencyRecord(slot.key().value(),
                slot.valid.fingerprint(), slot.callId, now, now.plus(CallIntake.IDEMPOTENCY_WINDOW))).toList();
        BatchClaims claims;
        try {
            claims = idempotency.claimAll(records);
        } catch (SdkException e) {
            byKey.values().forEach(slot -> slot.refuse(unavailable("nothing was recorded, retry shortly", null, e)));
            return;
        }
        for (BatchSlot slot : byKey.values()) {
            IdempotencyRecord held = claims.held().get(slot.key().value());
            if (claims.unavailable().contains(slot.key().value())) {
                slot.refuse(unavailable("nothing was recorded, retry shortly", null, null));
            } else if (held != null && !held.fingerprint().equals(slot.valid.fingerprint())) {
                slot.refuse(new IdempotencyConflictException(held.callId()));
            } else if (held != null) {
                slot.callId = held.callId();
                slot.kind = BatchSlot.Kind.REPLAY;
            }
        }
    }

    /** Replayed items get their earlier calls; a key held for a call never written is adopted. */
    private void findEarlierCalls(List<BatchSlot> slots) {
        List<BatchSlot> replays = open(slots).stream().filter(s -> s.kind == BatchSlot.Kind.REPLAY).toList();
        if (replays.isEmpty()) {
            return;
        }
        Map<String, Call> earlier;
        try {
            earlier = batchCalls.findAll(replays.stream().map(s -> s.callId).toList());
        } catch (SdkException e) {
            replays.forEach(slot -> slot.refuse(unavailable("retry shortly", null, e)));
            return;
        }
        for (BatchSlot slot : replays) {
            slot.call = earlier.get(slot.callId);
            if (slot.call == null) {
                // That attempt died before writing its call, or is racing us: the call is created
                // under its id with a conditional write, so whoever writes it second sees it exists.
                slot.kind = BatchSlot.Kind.ADOPT;
            }
        }
    }

    /** After the replays, as for one call: a retried item gets its call back even once the window closed. */
    private void applyCallingWindow(List<BatchSlot> slots, TenantProfile profile, Instant now) {
        for (BatchSlot slot : open(slots)) {
            if (slot.kind == BatchSlot.Kind.REPLAY) {
                continue;
            }
            try {
                // A call asked for later must be inside the window then, not now.
                Instant requested = slot.valid.scheduledAfter(now);
                slot.opening = windows.admit(profile.tenant().settings().callingWindow(), slot.valid.to(),
                        requested != null ? requested : now).orElse(null);
            } catch (OutsideCallingWindowException closed) {
                release(slot);
                slot.refuse(closed);
            }
        }
    }

    /** Caller-IDs dealt round-robin over the pool, least recently used first; transfer numbers by weight. */
    private void assignCalls(List<BatchSlot> slots, TenantProfile profile, Instant now) {
        List<Did> rotation = callerIds.rotation(profile.dids());
        int dealt = 0;
        for (BatchSlot slot : open(slots)) {
            if (slot.kind == BatchSlot.Kind.REPLAY) {
                continue;
            }
            ValidatedCall valid = slot.valid;
            Did did = valid.from();
            if (did == null && rotation.isEmpty()) {
                slot.refuse(new InvalidCallRequestException("from",
                        "cannot be chosen: this tenant has no active caller-ID number"));
                continue;
            }
            if (did == null) {
                did = rotation.get(dealt++ % rotation.size());
            }
            String reason = valid.from() != null ? "requested" : "batchRotation";
            slot.did = did;
            String transfer = valid.transferNumber() != null ? valid.transferNumber()
                    : transfers.pick(profile.tenant().transferNumbers()).orElse(null);
            slot.call = Call.queued(slot.callId, profile.tenant().tenantId(), valid.to(), did.number(), did.didId(),
                    did.callerName(), transfer, valid.context(), valid.variables(), valid.ringTimeoutSeconds(), now,
                    slot.item.journey(), slot.key() == null ? null : slot.key().value())
                    .withCallerIdReason(reason).withTimelineExpiresAt(profile.tenant().settings().timelineExpiresAt(now))
                    .withAmd(valid.amd())
                    .withRecord(valid.record())
                    .withPrompt(valid.prompt())
                    .withRetry(valid.retry())
                    .scheduledAt(slot.opening != null ? slot.opening : valid.scheduledAfter(now),
                            slot.opening != null ? ScheduledReason.CALLING_WINDOW : ScheduledReason.REQUESTED);
        }
    }

    private void write(List<BatchSlot> slots) {
        List<BatchSlot> fresh = open(slots).stream().filter(s -> s.kind == BatchSlot.Kind.NEW).toList();
        Set<String> unwritten = batchCalls.createAll(fresh.stream().map(s -> s.call).toList()).stream()
                .map(Call::callId).collect(Collectors.toSet());
        for (BatchSlot slot : fresh) {
            if (unwritten.contains(slot.callId)) {
                release(slot);
                slot.refuse(unavailable("nothing was recorded, retry shortly", null, null));
            }
        }
        for (BatchSlot slot : open(slots).stream().filter(s -> s.kind == BatchSlot.Kind.ADOPT).toList()) {
            try {
                calls.create(slot.call);
            } catch (CallAlreadyExistsException raced) {
                slot.kind = BatchSlot.Kind.REPLAY;
                slot.did = null;
                slot.call = calls.find(slot.callId).orElseThrow(() ->
                        new IllegalStateException("call " + slot.callId + " exists and does not", raced));
            } catch (SdkException e) {
                release(slot);
                slot.refuse(unavailable("nothing was recorded, retry shortly", null, e));
            }
        }
    }

    /** Bookkeeping for least-recently-used order only: a failure here refuses no call. */
    private void recordDidUses(List<BatchSlot> slots) {
        Map<String, Did> dids = new HashMap<>();
        Map<String, Integer> uses = new HashMap<>();
        for (BatchSlot slot : open(slots)) {
            if (slot.did != null) {
                dids.putIfAbsent(slot.did.didId(), slot.did);
                uses.merge(slot.did.didId(), 1, Integer::sum);
            }
        }
        uses.forEach((didId, count) -> {
            try {
                callerIds.recordUses(dids.get(didId), count);
            } catch (SdkException ignored) {
                // The next batches lean on this DID a little more; every call is still right.
            }
        });
    }

    /** @param settings the tenant's, whose pacing limits and calling window each message carries */
    private void enqueue(List<BatchSlot> slots, TenantSettings settings) {
        // A SCHEDULED call, new or replayed (a requested notBefore, its window's opening), is the
        // scheduler's to queue when due.
        List<BatchSlot> queued = open(slots).stream().filter(s -> s.call.status() == CallStatus.QUEUED).toList();
        Set<String> unsent = new HashSet<>();
        try {
            queue.sendAll(queued.stream().map(s -> OriginateMessage.forTenant(s.call, settings)).toList())
                    .forEach(m -> unsent.add(m.callId()));
        } catch (SdkException e) {
            queued.forEach(s -> unsent.add(s.callId));
        }
        for (BatchSlot slot : open(slots)) {
            if (!unsent.contains(slot.callId)) {
                slot.accept();
            } else if (slot.kind == BatchSlot.Kind.REPLAY) {
                slot.refuse(unavailable("call " + slot.callId + " stays queued. Retry the request", slot.callId, null));
            } else {
                failUnqueued(slot);
            }
        }
    }

    private void failUnqueued(BatchSlot slot) {
        SdkException alsoDown = null;
        try {
            calls.fail(slot.call, "QUEUE_UNAVAILABLE: the call could not be queued for dialing", clock.instant());
        } catch (SdkException e) {
            alsoDown = e;
        }
        release(slot);
        slot.refuse(new IntakeUnavailableException("the originate queue is unavailable; call " + slot.callId
                + " was not dialed and is marked FAILED. Retry the request", slot.callId, alsoDown));
    }

    private void release(BatchSlot slot) {
        if (slot.key() == null) {
            return;
        }
        try {
            idempotency.release(slot.key().value(), slot.callId);
        } catch (SdkException ignored) {
            // The key then expires with the window; a retry gets the FAILED call back, which says why.
        }
    }

    private static IntakeUnavailableException unavailable(String what, String callId, Throwable cause) {
        String service = callId == null ? "the call store is unavailable; " : "the originate queue is unavailable; ";
        return new IntakeUnavailableException(service + what, callId, cause);
    }

    private static List<BatchSlot> open(List<BatchSlot> slots) {
        return slots.stream().filter(BatchSlot::open).toList();
    }
}
