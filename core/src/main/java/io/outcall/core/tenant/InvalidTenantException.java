package io.outcall.core.tenant;

import io.outcall.core.validation.Violation;

import java.util.List;

/** A tenant request, or the tenant a merge patch would leave, breaks the rules; every broken field listed. */
public final class InvalidTenantException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidTenantException(List<Violation> violations) {
        super(violations.size() + " invalid field(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
