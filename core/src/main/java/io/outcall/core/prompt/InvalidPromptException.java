package io.outcall.core.prompt;

import io.outcall.core.validation.Violation;

import java.util.List;

/** A prompt request that is refused (a name out of the rule, a declared size out of bounds), with every field at fault. */
public final class InvalidPromptException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidPromptException(List<Violation> violations) {
        super(violations.size() + " invalid prompt field(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public InvalidPromptException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
