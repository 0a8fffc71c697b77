package io.outcall.core.dnc;

import io.outcall.core.phone.InvalidPhoneNumberException;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.InvalidTenantException;
import io.outcall.core.tenant.Page;
import io.outcall.core.tenant.Paging;
import io.outcall.core.tenant.TenantAdminStore;
import io.outcall.core.tenant.UnknownTenantException;
import io.outcall.core.validation.Violation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's and the platform's do-not-call lists as admins and callees change them: numbers in
 * E.164 (a tenant's national input read in its default region, the platform's only international),
 * each addition and removal audited in the same write, under the tenant or the platform.
 */
public final class DoNotCallList {

    /** Who an opt-out is recorded as: the callee, not any token. */
    public static final String OPT_OUT_ACTOR = "callee opt-out";
    public static final int MAX_REASON_LENGTH = 200;

    private final DoNotCallStore store;
    private final TenantAdminStore tenants;
    private final PhoneNumbers phones;
    private final Clock clock;

    public DoNotCallList(DoNotCallStore store, TenantAdminStore tenants, PhoneNumbers phones, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.phones = phones;
        this.clock = clock;
    }

    /** What PUT answers: the entry, and whether this request listed it (201) or found it listed (200). */
    public record Added(DncEntry entry, boolean created) {
    }

    /** PUT: lists the number; listing a listed number changes nothing and is no error. */
    public Added add(String actor, DncList list, String tenantId, String rawNumber, String reason) {
        String number = number(list, tenantId, rawNumber);
        checkReason(reason);
        DncEntry entry = new DncEntry(list, tenantId, number, reason, clock.instant(), actor, "api", null);
        if (store.add(entry, audit(list, tenantId, actor, ".added", number, addedChanges(entry)))) {
            return new Added(entry, true);
        }
        return new Added(store.find(list, tenantId, number).orElse(entry), false);
    }

    public DncEntry remove(String actor, DncList list, String tenantId, String rawNumber) {
        String number = number(list, tenantId, rawNumber);
        DncEntry current = store.find(list, tenantId, number).orElseThrow(() -> new UnlistedNumberException(list, number));
        AuditEntry entry = audit(list, tenantId, actor, ".removed", number,
                List.of(new AuditEntry.Change("number", number, null)));
        if (!store.remove(list, tenantId, number, entry)) {
            throw new UnlistedNumberException(list, number);
        }
        return current;
    }

    public DncEntry find(DncList list, String tenantId, String rawNumber) {
        String number = number(list, tenantId, rawNumber);
        return store.find(list, tenantId, number).orElseThrow(() -> new UnlistedNumberException(list, number));
    }

    public Page<DncEntry> page(DncList list, String tenantId, String cursor, String limit) {
        return Paging.withCursor(store.page(list, tenantId, Paging.decode(cursor), Paging.limit(limit)));
    }

    /**
     * The callee asked not to be called again (the dialplan's {@code OutcallOptOut}): their number
     * joins the tenant's list, audited as the callee's, naming the call.
     *
     * @return whether it was added (false: listed already)
     */
    public boolean optOut(String tenantId, String number, String callId) {
        DncEntry entry = new DncEntry(DncList.TENANT, tenantId, number, "callee opted out on call " + callId,
                clock.instant(), OPT_OUT_ACTOR, "opt-out", callId);
        List<AuditEntry.Change> changes = new ArrayList<>(addedChanges(entry));
        changes.add(new AuditEntry.Change("callId", null, callId));
        return store.add(entry, audit(DncList.TENANT, tenantId, OPT_OUT_ACTOR, ".added", number, changes));
    }

    /** The number in E.164, or a 400 naming the field. */
    String number(DncList list, String tenantId, String raw) {
        String region = list == DncList.TENANT ? region(tenantId) : null;
        try {
            return phones.toE164(raw, region);
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidTenantException(List.of(new Violation("number", e.getMessage()
                    + (region == null ? " (the platform list takes international numbers: +<country code>...)" : ""))));
        }
    }

    /** The tenant's default region, read once per request; an unknown tenant is 404. */
    String region(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> new UnknownTenantException(tenantId)).settings().defaultRegion();
    }

    static void checkReason(String reason) {
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON_LENGTH
                || reason.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidTenantException(List.of(new Violation("reason",
                    "must be 1 to " + MAX_REASON_LENGTH + " characters without control characters")));
        }
    }

    static List<AuditEntry.Change> addedChanges(DncEntry entry) {
        List<AuditEntry.Change> changes = new ArrayList<>();
        changes.add(new AuditEntry.Change("number", null, entry.number()));
        Optional.ofNullable(entry.reason()).ifPresent(r -> changes.add(new AuditEntry.Change("reason", null, r)));
        return changes;
    }

    AuditEntry audit(DncList list, String tenantId, String actor, String action, String subject,
                     List<AuditEntry.Change> changes) {
        String prefix = list == DncList.TENANT ? "dnc" : "platform-dnc";
        return new AuditEntry(list.auditTenant(tenantId), clock.instant(), actor, prefix + action, subject, changes);
    }
}
