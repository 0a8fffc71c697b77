package io.outcall.functions.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.outcall.core.intake.Violation;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists field-level problems (a JSON-pointer-like
 * dotted field and what to do about it); {@code callId} names a call the failure concerns.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<Violation> errors, String callId) {

    static final String TYPE_BASE = "https://outcall.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null);
    }

    public Problem withErrors(List<Violation> errors) {
        return new Problem(type, title, status, detail, instance, errors, callId);
    }

    public Problem withCallId(String callId) {
        return new Problem(type, title, status, detail, instance, errors, callId);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors, callId);
    }
}
