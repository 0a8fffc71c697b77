package io.outcall.core.intake;

import io.outcall.core.amd.AmdSettings;
import io.outcall.core.phone.InvalidPhoneNumberException;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.prompt.PromptLookup;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantSettings;
import io.outcall.core.tenant.TenantValidation;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a call request against its tenant: what may be dialed, from which number, into which
 * dialplan context, with which channel variables. Everything that reaches Asterisk passes here,
 * so the character sets are strict.
 */
public final class CallRequestValidator {

    public static final int MAX_VARIABLES = 32;
    public static final int MAX_VARIABLE_VALUE_LENGTH = 1024;
    public static final int MIN_RING_TIMEOUT_SECONDS = TenantValidation.MIN_RING_TIMEOUT_SECONDS;
    public static final int MAX_RING_TIMEOUT_SECONDS = TenantValidation.MAX_RING_TIMEOUT_SECONDS;
    /** For a tenant that never set its own. */
    public static final int DEFAULT_RING_TIMEOUT_SECONDS = TenantSettings.DEFAULT_RING_TIMEOUT_SECONDS;
    /** Channel variables the platform sets itself on every call. */
    public static final Set<String> RESERVED_VARIABLES = Set.of("CALL_ID", "TENANT_ID", "TRANSFER_NUMBER");
    /** The prefix of the answering-machine variables the platform sets (OUTCALL_AMD, OUTCALL_VM_PROMPT, ...). */
    public static final String RESERVED_PREFIX = "OUTCALL_";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern CONTEXT = TenantValidation.CONTEXT;
    private static final int MAX_FROM_LENGTH = 64;

    private final PhoneNumbers phones;
    private final PromptLookup prompts;

    /** A validator for an intake without prompts: a call that names one is refused as naming an unknown one. */
    public CallRequestValidator(PhoneNumbers phones) {
        this(phones, PromptLookup.NONE);
    }

    public CallRequestValidator(PhoneNumbers phones, PromptLookup prompts) {
        this.phones = phones;
        this.prompts = prompts;
    }

    /** The same rules, finding prompts through {@code lookup} (e.g. memoized for one batch). */
    public CallRequestValidator withPrompts(PromptLookup lookup) {
        return new CallRequestValidator(phones, lookup);
    }

    public PromptLookup prompts() {
        return prompts;
    }

    /** As {@link #validate(CallRequest, Tenant, List, Instant)} at the wall clock's now. */
    public ValidatedCall validate(CallRequest request, Tenant tenant, List<Did> dids) {
        return validate(request, tenant, dids, Instant.now());
    }

    /**
     * @param dids the tenant's DIDs, for resolving a named {@code from}
     * @param now  what {@code notBefore}'s limit counts from
     * @throws InvalidCallRequestException listing every problem
     */
    public ValidatedCall validate(CallRequest request, Tenant tenant, List<Did> dids, Instant now) {
        List<Violation> violations = new ArrayList<>();
        String to = number("to", request.to(), tenant, violations, true);
        Did from = from(request.from(), tenant, dids, violations);
        String context = context(request.context(), tenant, violations);
        String transfer = number("transferNumber", request.transferNumber(), tenant, violations, false);
        int ringTimeout = ringTimeout(request.ringTimeoutSeconds(), tenant, violations);
        Map<String, String> variables = variables(request.variables(), violations);
        AmdSettings amd = request.amd().over(tenant.settings().amd(), violations);
        CallPromptRule promptRule = new CallPromptRule(prompts);
        String prompt = promptRule.prompt(request.prompt(), tenant.tenantId(), violations);
        promptRule.voicemail(amd, tenant.tenantId(), violations);
        Instant notBefore = NotBeforeRule.parse(request.notBefore(), now, violations);
        RetryPolicy retry = request.retry().over(tenant.settings().retry(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidCallRequestException(violations);
        }
        boolean record = request.record() != null ? request.record() : tenant.settings().record();
        return new ValidatedCall(to, from, context, transfer, ringTimeout, variables, amd, record, prompt, notBefore,
                retry);
    }

    private String number(String field, String raw, Tenant tenant, List<Violation> violations, boolean required) {
        if (raw == null) {
            if (required) {
                violations.add(new Violation(field, "is required: the number to call, e.g. +14045550100"));
            }
            return null;
        }
        try {
            return phones.toE164(raw, tenant.defaultRegion());
        } catch (InvalidPhoneNumberException e) {
            violations.add(new Violation(field, e.getMessage()));
            return null;
        }
    }

    private Did from(String raw, Tenant tenant, List<Did> dids, List<Violation> violations) {
        List<Did> active = dids.stream().filter(Did::active).toList();
        if (raw == null) {
            if (active.isEmpty()) {
                violations.add(new Violation("from", "cannot be chosen: this tenant has no active caller-ID number"));
            }
            return null;
        }
        if (raw.isBlank() || raw.length() > MAX_FROM_LENGTH) {
            violations.add(new Violation("from", "must be one of your caller-ID numbers or DID ids"));
            return null;
        }
        Optional<Did> match = dids.stream().filter(d -> d.didId().equals(raw)).findFirst();
        if (match.isEmpty()) {
            String e164;
            try {
                e164 = phones.toE164(raw, tenant.defaultRegion());
            } catch (InvalidPhoneNumberException e) {
                violations.add(new Violation("from", "is neither a DID id of this tenant nor a valid number: it " + e.getMessage()));
                return null;
            }
            match = dids.stream().filter(d -> d.number().equals(e164)).findFirst();
        }
        if (match.isEmpty()) {
            // Another tenant's DID reads exactly like an unknown one: no hint that it exists.
            violations.add(new Violation("from", "is not one of this tenant's caller-ID numbers"));
            return null;
        }
        if (!match.get().active()) {
            violations.add(new Violation("from", "is a caller-ID number of this tenant that is disabled"));
            return null;
        }
        return match.get();
    }

    private String context(String raw, Tenant tenant, List<Violation> violations) {
        String context = raw == null ? tenant.defaultContext() : raw;
        if (context == null) {
            violations.add(new Violation("context", "is required: this tenant has no default context; allowed are "
                    + tenant.allowedContexts()));
            return null;
        }
        if (!CONTEXT.matcher(context).matches() || !tenant.allowsContext(context)) {
            violations.add(new Violation("context", "is not allowed for this tenant; allowed are " + tenant.allowedContexts()));
            return null;
        }
        return context;
    }

    private int ringTimeout(Integer raw, Tenant tenant, List<Violation> violations) {
        if (raw == null) {
            return tenant.settings().ringTimeoutSeconds();
        }
        if (raw < MIN_RING_TIMEOUT_SECONDS || raw > MAX_RING_TIMEOUT_SECONDS) {
            violations.add(new Violation("ringTimeoutSeconds", "must be between " + MIN_RING_TIMEOUT_SECONDS
                    + " and " + MAX_RING_TIMEOUT_SECONDS));
        }
        return raw;
    }

    private Map<String, String> variables(Map<String, String> raw, List<Violation> violations) {
        if (raw.size() > MAX_VARIABLES) {
            violations.add(new Violation("variables", "has " + raw.size() + " entries; at most " + MAX_VARIABLES
                    + " are allowed"));
        }
        Map<String, String> clean = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            String field = "variables." + name;
            if (!VARIABLE_NAME.matcher(name).matches()) {
                violations.add(new Violation(field, "is not a valid variable name: use letters, digits and _,"
                        + " not starting with a digit, at most 64 characters"));
            } else if (RESERVED_VARIABLES.contains(name) || name.startsWith(RESERVED_PREFIX)) {
                violations.add(new Violation(field, "is set by the platform and cannot be given"));
            } else if (JsonFields.firstControlCharacter(value) >= 0) {
                violations.add(new Violation(field, "contains a control character"));
            } else if (value.length() > MAX_VARIABLE_VALUE_LENGTH) {
                violations.add(new Violation(field, "is longer than " + MAX_VARIABLE_VALUE_LENGTH + " characters"));
            } else {
                clean.put(name, value);
            }
        });
        return clean;
    }
}
