package io.outcall.core.tenant;

import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.retry.RetryPolicyJson;
import io.outcall.core.validation.Violation;
import io.outcall.core.window.CallingWindowJson;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a tenant obeys whoever writes it: platform creating it, admin patching it. */
public final class TenantValidation {

    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");
    public static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_CONTEXTS = 20;
    public static final int MIN_RING_TIMEOUT_SECONDS = 5;
    public static final int MAX_RING_TIMEOUT_SECONDS = 300;
    public static final int MAX_RETENTION_DAYS = 3650;

    private final PhoneNumbers phones;

    public TenantValidation(PhoneNumbers phones) {
        this.phones = phones;
    }

    public void tenantId(String id, List<Violation> violations) {
        if (id == null) {
            violations.add(new Violation("tenantId", "is required"));
        } else if (!TENANT_ID.matcher(id).matches()) {
            violations.add(new Violation("tenantId", "must be 3 to 63 lower-case letters, digits and '-',"
                    + " starting with a letter or digit"));
        }
    }

    public void draft(TenantSettingsJson.Draft draft, List<Violation> violations) {
        String name = draft.name();
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("name", "is longer than " + MAX_NAME_LENGTH + " characters"));
        }
        settings(draft.settings(), violations);
    }

    private void settings(TenantSettings settings, List<Violation> violations) {
        if (settings.defaultRegion() == null) {
            violations.add(new Violation("defaultRegion", "is required: an ISO 3166 region such as US or GB"));
        } else if (!phones.isKnownRegion(settings.defaultRegion())) {
            violations.add(new Violation("defaultRegion", "'" + settings.defaultRegion()
                    + "' is not a region phone numbers are known for; use an ISO 3166 code such as US or GB"));
        }
        List<String> contexts = settings.allowedContexts();
        if (contexts.isEmpty() || contexts.size() > MAX_CONTEXTS) {
            violations.add(new Violation("allowedContexts", "must list 1 to " + MAX_CONTEXTS + " dialplan contexts"));
        }
        for (int i = 0; i < contexts.size(); i++) {
            if (!CONTEXT.matcher(contexts.get(i)).matches()) {
                violations.add(new Violation("allowedContexts[" + i + "]", "must be 1 to 80 of A-Z a-z 0-9 _ -"));
            }
        }
        if (new HashSet<>(contexts).size() != contexts.size()) {
            violations.add(new Violation("allowedContexts", "lists a context twice"));
        }
        if (settings.defaultContext() != null && !contexts.contains(settings.defaultContext())) {
            violations.add(new Violation("defaultContext", "must be one of allowedContexts " + contexts));
        }
        between("ringTimeoutSeconds", settings.ringTimeoutSeconds(), MIN_RING_TIMEOUT_SECONDS,
                MAX_RING_TIMEOUT_SECONDS, violations);
        between("limits.callsPerSecond", settings.limits().callsPerSecond(), 1, TenantLimits.MAX_CALLS_PER_SECOND,
                violations);
        between("limits.concurrentCalls", settings.limits().concurrentCalls(), 1, TenantLimits.MAX_CONCURRENT_CALLS,
                violations);
        if (settings.timelineRetentionDays() != null) {
            between("timelineRetentionDays", settings.timelineRetentionDays(), 1, MAX_RETENTION_DAYS, violations);
        }
        if (settings.callingWindow() != null) {
            CallingWindowJson.check(settings.callingWindow(), violations);
        }
        if (settings.retry() != null) {
            // The JSON reader checked what a document gave; this holds for settings made any other way too.
            RetryPolicyJson.check(settings.retry(), RetryPolicyJson.FIELD + ".", violations);
        }
    }

    private static void between(String field, int value, int min, int max, List<Violation> violations) {
        if (value < min || value > max) {
            violations.add(new Violation(field, "must be between " + min + " and " + max + ", was " + value));
        }
    }
}
