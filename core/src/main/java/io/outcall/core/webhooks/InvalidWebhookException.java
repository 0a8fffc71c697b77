package io.outcall.core.webhooks;

import io.outcall.core.validation.Violation;

import java.util.List;

/** A webhook registration or change that is refused, with every field at fault. */
public final class InvalidWebhookException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidWebhookException(List<Violation> violations) {
        super(violations.size() + " invalid webhook field(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
