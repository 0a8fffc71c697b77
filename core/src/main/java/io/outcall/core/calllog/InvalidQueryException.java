package io.outcall.core.calllog;

import io.outcall.core.validation.Violation;

import java.util.List;
import java.util.stream.Collectors;

/** A read request (call log, statistics) with bad parameters, every problem named, not just the first. */
public final class InvalidQueryException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidQueryException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public InvalidQueryException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
