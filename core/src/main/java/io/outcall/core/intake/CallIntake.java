package io.outcall.core.intake;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallAlreadyExistsException;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.CallStore;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.tenant.CallerIdPicker;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TenantStore;
import io.outcall.core.tenant.TransferPicker;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Accepts a call: validate, resolve the tenant's caller-ID and transfer number, record the call
 * QUEUED, queue it for the bridge. Shared by the HTTP and the journey handlers.
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
    private final Clock clock;

    public CallIntake(TenantStore tenants, CallStore calls, IdempotencyStore idempotency, OriginateQueue queue,
                      CallRequestValidator validator, TransferPicker transfers, CallId callIds, Clock clock) {
        this.tenants = tenants;
        this.calls = calls;
        this.idempotency = idempotency;
        this.queue = queue;
        this.validator = validator;
        this.callerIds = new CallerIdPicker(tenants, clock);
        this.transfers = transfers;
        this.callIds = callIds;
        this.clock = clock;
    }

    public Accepted accept(IntakeRequest request) {
        TenantProfile profile = TenantAdmission.admit(tenants, request.tenantId());
        ValidatedCall valid = validator.validate(request.call(), profile.tenant(), profile.dids());

        String callId = callIds.next();
        Instant now = clock.instant();
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
        return record(request, profile, valid, callId, now, key);
    }

    private Accepted record(IntakeRequest request, TenantProfile profile, ValidatedCall valid, String callId,
                            Instant now, IdempotencyKey key) {
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
                    .withRetry(valid.retry());
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
        try {
            queue.send(OriginateMessage.of(call, tenant.settings().limits()));
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
                queue.send(OriginateMessage.of(call, tenant.settings().limits()));
            } catch (SdkException e) {
                throw new IntakeUnavailableException("the originate queue is unavailable; call " + call.callId()
                        + " stays queued. Retry the request", call.callId(), e);
            }
        }
        return new Accepted(call, true);
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
