package io.outcall.core.intake;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallAlreadyExistsException;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.dnc.DoNotCallLookup;
import io.outcall.core.call.ScheduledReason;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.tenant.CallerIdPicker;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TenantStore;
import io.outcall.core.tenant.TransferPicker;
import io.outcall.core.window.CalleeTimeZones;
import io.outcall.core.window.CallingWindows;
import io.outcall.core.window.OutsideCallingWindowException;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Accepts a call: validate, resolve the tenant's caller-ID and transfer number, record the call
 * QUEUED, queue it for the bridge (or, with a {@code notBefore} ahead, record it SCHEDULED for the
 * scheduler to queue when due). Shared by the HTTP and the journey handlers.
 *
 * <p>Failure rules: bad input writes nothing. A retry key is claimed before anything else is
 * written and freed again if the call cannot be recorded or queued, so the retry can succeed. A
 * call that cannot be queued ends FAILED rather than sitting QUEUED forever. A retry that finds
 * its call still QUEUED queues it again: the process that created it may have died before
 * queueing, and the bridge's claim makes a second message harmless.
 */
public final class CallIntake {

    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final TenantStore tenants;
    private final CallStore calls;
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
    public CallIntake(TenantStore tenants, CallStore calls, IdempotencyStore idempotency, OriginateQueue queue,
                      CallRequestValidator validator, TransferPicker transfers, CallId callIds, Clock clock) {
        this(tenants, calls, idempotency, queue, validator, transfers, callIds, clock, DoNotCallLookup.NONE);
    }

    /** @param doNotCall the tenant's and the platform's lists: a listed number is refused before anything is written */
    public CallIntake(TenantStore tenants, CallStore calls, IdempotencyStore idempotency, OriginateQueue queue,
                      CallRequestValidator validator, TransferPicker transfers, CallId callIds, Clock clock,
                      DoNotCallLookup doNotCall) {
        this.doNotCall = new DoNotCallRule(doNotCall);
        this.tenants = tenants;
        this.calls = calls;
        this.idempotency = idempotency;
        this.queue = queue;
        this.validator = validator;
        this.callerIds = new CallerIdPicker(tenants, clock);
        this.transfers = transfers;
        this.callIds = callIds;
        this.windows = new CallingWindows(new CalleeTimeZones());
        this.clock = clock;
    }

    /**
     * @throws OutsideCallingWindowException when the tenant refuses calls outside its callee's window
     *                                       and it is closed, or when it never opens for the callee
     */
    public Accepted accept(IntakeRequest request) {
        TenantProfile profile = TenantAdmission.admit(tenants, request.tenantId());
        Instant now = clock.instant();
        ValidatedCall valid = validator.validate(request.call(), profile.tenant(), profile.dids(), now);
        doNotCall.check(request.tenantId(), valid.to());

        String callId = callIds.next();
        IdempotencyKey key = request.idempotencyKey();
        if (key != null) {
            Optional<IdempotencyRecord> held = claim(key, valid.fingerprint(), callId, now);
            if (held.isPresent()) {
                if (!held.get().fingerprint().equals(valid.fingerprint())) {
                    throw new IdempotencyConflictException(held.get().callId());
                }
                Optional<Call> earlier = find(held.get().callId());
                if (earlier.isPresent()) {
                    return replay(earlier.get(), profile.tenant());
                }
                // The key is held but its call was never written: that attempt died, or is racing
                // us. Create the call under its id; whoever writes it second sees it exists.
                callId = held.get().callId();
            }
        }
        // After the replay: a retry of a call accepted just before the window closed gets that call back.
        Instant opening;
        try {
            // A call asked for later must be inside the window then, not now.
            Instant requested = valid.scheduledAfter(now);
            opening = windows.admit(profile.tenant().settings().callingWindow(), valid.to(),
                    requested != null ? requested : now).orElse(null);
        } catch (OutsideCallingWindowException closed) {
            release(key, callId);
            throw closed;
        }
        return record(request, profile, valid, callId, now, key, opening);
    }

    /**
     * @param opening when the callee's window opens, for a call scheduled until then; null: dialed
     *                now, or at the request's own {@code notBefore}
     */
    private Accepted record(IntakeRequest request, TenantProfile profile, ValidatedCall valid, String callId,
                            Instant now, IdempotencyKey key, Instant opening) {
        Tenant tenant = profile.tenant();
        Call call;
        try {
            CallerIdPicker.Choice choice = valid.from() != null ? new CallerIdPicker.Choice(valid.from(), "requested")
                    : callerIds.choose(tenant, profile.dids(), valid.to())
                    .orElseThrow(() -> new InvalidCallRequestException("from",
                            "cannot be chosen: this tenant has no active caller-ID number"));
            Did did = choice.did();
            if (valid.from() != null) {
                callerIds.recordUse(did);
            }
            String transfer = valid.transferNumber() != null ? valid.transferNumber()
                    : transfers.pick(tenant.transferNumbers()).orElse(null);
            call = Call.queued(callId, tenant.tenantId(), valid.to(), did.number(), did.didId(), did.callerName(),
                    transfer, valid.context(), valid.variables(), valid.ringTimeoutSeconds(), now, request.journey(),
                    key == null ? null : key.value()).withCallerIdReason(choice.reason())
                    .withTimelineExpiresAt(tenant.settings().timelineExpiresAt(now)).withAmd(valid.amd())
                    .withRecord(valid.record())
                    .withPrompt(valid.prompt())
                    .withRetry(valid.retry())
                    .scheduledAt(opening != null ? opening : valid.scheduledAfter(now),
                            opening != null ? ScheduledReason.CALLING_WINDOW : ScheduledReason.REQUESTED);
            calls.create(call);
        } catch (CallAlreadyExistsException raced) {
            return find(callId).map(found -> replay(found, tenant))
                    .orElseThrow(() -> new IllegalStateException("call " + callId + " exists and does not", raced));
        } catch (SdkException e) {
            release(key, callId);
            throw new IntakeUnavailableException("the call store is unavailable; nothing was recorded, retry shortly",
                    null, e);
        } catch (RuntimeException e) {
            release(key, callId);
            throw e;
        }
        if (call.status() == CallStatus.SCHEDULED) {
            // Recorded is accepted: the scheduler queues it when it falls due.
            return new Accepted(call, false);
        }
        try {
            queue.send(message(call, tenant));
        } catch (SdkException e) {
            try {
                calls.fail(call, "QUEUE_UNAVAILABLE: the call could not be queued for dialing", clock.instant());
            } catch (SdkException alsoDown) {
                e.addSuppressed(alsoDown);
            }
            release(key, callId);
            throw new IntakeUnavailableException("the originate queue is unavailable; call " + callId
                    + " was not dialed and is marked FAILED. Retry the request", callId, e);
        }
        return new Accepted(call, false);
    }

    private Accepted replay(Call call, Tenant tenant) {
        if (call.status() == CallStatus.QUEUED) {
            try {
                queue.send(message(call, tenant));
            } catch (SdkException e) {
                throw new IntakeUnavailableException("the originate queue is unavailable; call " + call.callId()
                        + " stays queued. Retry the request", call.callId(), e);
            }
        }
        return new Accepted(call, true);
    }

    /** The bridge's message: the tenant's pacing limits and calling window travel with the call. */
    static OriginateMessage message(Call call, Tenant tenant) {
        return OriginateMessage.forTenant(call, tenant.settings());
    }

    private Optional<IdempotencyRecord> claim(IdempotencyKey key, String fingerprint, String callId, Instant now) {
        try {
            return idempotency.claim(new IdempotencyRecord(key.value(), fingerprint, callId, now,
                    now.plus(IDEMPOTENCY_WINDOW)));
        } catch (SdkException e) {
            throw new IntakeUnavailableException("the call store is unavailable; nothing was recorded, retry shortly",
                    null, e);
        }
    }

    private Optional<Call> find(String callId) {
        try {
            return calls.find(callId);
        } catch (SdkException e) {
            throw new IntakeUnavailableException("the call store is unavailable; retry shortly", null, e);
        }
    }

    private void release(IdempotencyKey key, String callId) {
        if (key == null) {
            return;
        }
        try {
            idempotency.release(key.value(), callId);
        } catch (SdkException ignored) {
            // The key then expires with the window; the caller was told to retry with it and will get
            // the FAILED call back, which names what happened.
        }
    }
}
