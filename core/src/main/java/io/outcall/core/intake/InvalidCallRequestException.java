package io.outcall.core.intake;

import io.outcall.core.validation.Violation;

import java.util.List;
import java.util.stream.Collectors;

/** A request that cannot become a call, with every problem found, not just the first. */
public final class InvalidCallRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidCallRequestException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public InvalidCallRequestException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
