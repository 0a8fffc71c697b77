package io.outcall.core.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.json.MergePatch;
import io.outcall.core.phone.InvalidPhoneNumberException;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A tenant's DIDs and transfer numbers: added (in E.164, a DID claimed platform-wide), listed,
 * relabelled, (de)activated. Nothing is ever deleted, so an id is never reused and the audit log
 * and old calls keep pointing at what they named.
 */
public final class TenantNumbers {

    public static final Pattern NUMBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Goes to Asterisk inside a CallerID header: no quotes, angle brackets or control characters. */
    private static final Pattern CALLER_NAME = Pattern.compile("[A-Za-z0-9 .,'&-]{1,40}");
    private static final int MAX_LABEL_LENGTH = 64;
    public static final int MIN_WEIGHT = 1;
    public static final int MAX_WEIGHT = 1000;
    private static final String ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    private final TenantNumberStore numbers;
    private final TenantAdminStore tenants;
    private final PhoneNumbers phones;
    private final RandomGenerator random;
    private final AuditDiff diff = new AuditDiff(Set.of());
    private final Clock clock;

    public TenantNumbers(TenantNumberStore numbers, TenantAdminStore tenants, PhoneNumbers phones,
                         RandomGenerator random, Clock clock) {
        this.numbers = numbers;
        this.tenants = tenants;
        this.phones = phones;
        this.random = random;
        this.clock = clock;
    }

    public TenantNumber add(String actor, String tenantId, NumberKind kind, JsonNode body) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> new UnknownTenantException(tenantId));
        JsonFields fields = new JsonFields(body, InvalidTenantException::new);
        Set<String> known = new HashSet<>(TenantNumberJson.editableFields(kind));
        known.add("number");
        fields.onlyKnown(known);
        String raw = fields.string("number");
        TenantNumber draft = read(fields, kind, new TenantNumber(kind, tenantId, newId(kind), null, null, null,
                kind == NumberKind.TRANSFER ? 1 : null, true, null, 0));
        List<Violation> violations = new ArrayList<>(fields.violations());
        String number = null;
        try {
            number = phones.toE164(raw, tenant.defaultRegion());
        } catch (InvalidPhoneNumberException e) {
            violations.add(new Violation("number", e.getMessage()));
        }
        check(draft, violations);
        TenantNumber added = new TenantNumber(kind, tenantId, draft.id(), number, draft.label(), draft.callerName(),
                draft.weight(), draft.active(), null, 0);
        ObjectNode after = TenantNumberJson.editable(added).put("number", number);
        numbers.add(added, audit(actor, added, ".added", null, after));
        return added;
    }

    public List<TenantNumber> list(String tenantId, NumberKind kind) {
        return numbers.list(tenantId, kind);
    }

    /** Applies a JSON merge patch to the number's editable fields (label, active, caller name or weight). */
    public TenantNumber patch(String actor, String tenantId, NumberKind kind, String id, JsonNode patch) {
        TenantNumber current = find(tenantId, kind, id);
        if (patch == null || !patch.isObject()) {
            throw new InvalidTenantException(List.of(new Violation("body", "must be a JSON merge patch object")));
        }
        ObjectNode before = TenantNumberJson.editable(current);
        JsonFields fields = new JsonFields(MergePatch.apply(before, patch), InvalidTenantException::new);
        fields.onlyKnown(TenantNumberJson.editableFields(kind));
        TenantNumber next = read(fields, kind, current.edited(null, null, null, current.active()));
        List<Violation> violations = new ArrayList<>(fields.violations());
        check(next, violations);
        return write(actor, current, next, ".updated");
    }

    /** DELETE: the number stops being used and stays, so its id is never reused. */
    public TenantNumber deactivate(String actor, String tenantId, NumberKind kind, String id) {
        TenantNumber current = find(tenantId, kind, id);
        return write(actor, current, current.edited(current.label(), current.callerName(), current.weight(), false),
                ".deactivated");
    }

    private TenantNumber find(String tenantId, NumberKind kind, String id) {
        if (id == null || !NUMBER_ID.matcher(id).matches()) {
            throw new UnknownNumberException(kind, String.valueOf(id));
        }
        return numbers.find(tenantId, kind, id).orElseThrow(() -> new UnknownNumberException(kind, id));
    }

    private TenantNumber write(String actor, TenantNumber current, TenantNumber next, String action) {
        AuditEntry entry = audit(actor, next, action, TenantNumberJson.editable(current), TenantNumberJson.editable(next));
        if (!entry.changes().isEmpty()) {
            numbers.update(next, entry);
        }
        return next;
    }

    /** The editable fields as given, over {@code base} for those absent. */
    private static TenantNumber read(JsonFields fields, NumberKind kind, TenantNumber base) {
        String label = fields.string("label");
        Boolean active = fields.bool("active");
        String callerName = kind == NumberKind.DID ? fields.string("callerName") : null;
        Integer weight = kind == NumberKind.TRANSFER ? fields.integer("weight") : null;
        return base.edited(label, callerName, kind == NumberKind.TRANSFER && weight == null ? base.weight() : weight,
                active == null ? base.active() : active);
    }

    private static void check(TenantNumber number, List<Violation> violations) {
        if (number.label() != null && (number.label().isBlank() || number.label().length() > MAX_LABEL_LENGTH)) {
            violations.add(new Violation("label", "must be 1 to " + MAX_LABEL_LENGTH + " characters"));
        }
        if (number.callerName() != null && !CALLER_NAME.matcher(number.callerName()).matches()) {
            violations.add(new Violation("callerName", "must be 1 to 40 of letters, digits, space and . , ' & -"));
        }
        if (number.kind() == NumberKind.TRANSFER && (number.weight() == null || number.weight() < MIN_WEIGHT
                || number.weight() > MAX_WEIGHT)) {
            violations.add(new Violation("weight", "must be a whole number from " + MIN_WEIGHT + " to " + MAX_WEIGHT));
        }
        if (!violations.isEmpty()) {
            throw new InvalidTenantException(violations);
        }
    }

    private AuditEntry audit(String actor, TenantNumber number, String action, JsonNode before, JsonNode after) {
        return new AuditEntry(number.tenantId(), clock.instant(), actor, number.kind().auditName() + action, number.id(),
                diff.changes(before, after));
    }

    /** e.g. {@code did-7k2m9q4x1c}: random, and the add's condition refuses one that exists. */
    private String newId(NumberKind kind) {
        StringBuilder id = new StringBuilder(kind == NumberKind.DID ? "did-" : "xfer-");
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
