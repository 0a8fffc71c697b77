package io.outcall.core.validation;

/** One thing wrong with a request: the field (dotted path) and what to do about it. */
public record Violation(String field, String message) {
}
