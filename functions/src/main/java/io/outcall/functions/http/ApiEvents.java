package io.outcall.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.dnc.DoNotCallException;
import io.outcall.core.dnc.ImportTooLargeException;
import io.outcall.core.dnc.UnlistedNumberException;
import io.outcall.core.intake.IdempotencyConflictException;
import io.outcall.core.intake.IntakeUnavailableException;
import io.outcall.core.calllog.CallNotFoundException;
import io.outcall.core.calllog.InvalidQueryException;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.window.OutsideCallingWindowException;
import io.outcall.core.intake.TenantNotFoundException;
import io.outcall.core.intake.TenantSuspendedException;
import io.outcall.core.prompt.InvalidPromptException;
import io.outcall.core.prompt.PromptReadyException;
import io.outcall.core.tenant.InvalidTenantException;
import io.outcall.core.tenant.NumberTakenException;
import io.outcall.core.tenant.UnknownNumberException;
import io.outcall.core.tenant.TenantChangedException;
import io.outcall.core.tenant.TenantExistsException;
import io.outcall.core.tenant.UnknownTenantException;
import io.outcall.core.validation.Violation;
import io.outcall.core.aws.TransientFailures;
import io.outcall.core.json.Json;
import io.outcall.core.validation.Violation;

import java.io.IOException;
import java.util.List;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every HTTP handler does around its own logic: read the event, find the tenant in the
 * verified claims, read a JSON body within limits, and turn failures into problem responses.
 */
public final class ApiEvents {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Where Cognito and most identity providers put the space-separated scopes. */
    public static final String DEFAULT_SCOPE_CLAIM = "scope";

    private final Json json;
    private final String tenantClaim;
    private final String scopeClaim;
    private final RequestLog requestLog;

    public ApiEvents(Json json, String tenantClaim, RequestLog requestLog) {
        this(json, tenantClaim, DEFAULT_SCOPE_CLAIM, requestLog);
    }

    /** @param scopeClaim the claim holding the space-separated scopes when the event has no scope list */
    public ApiEvents(Json json, String tenantClaim, String scopeClaim, RequestLog requestLog) {
        this.json = json;
        this.tenantClaim = tenantClaim;
        this.scopeClaim = scopeClaim;
        this.requestLog = requestLog;
    }

    /** The verified token's scopes: the authorizer's list when the event has one, else the scope claim. */
    public Set<String> scopes(ApiRequest request) {
        if (request.scopes() != null) {
            return Set.copyOf(request.scopes());
        }
        String claim = request.claims().get(scopeClaim);
        if (claim == null) {
            return Set.of();
        }
        // API Gateway flattens an array claim to "[a b]"; a string claim is "a b".
        String list = claim.strip();
        if (list.startsWith("[") && list.endsWith("]")) {
            list = list.substring(1, list.length() - 1);
        }
        return Arrays.stream(list.split("[\\s,]+")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Stops the request with 403, naming the scope, unless the token grants {@code needed}. */
    public void authorize(ApiRequest request, Scope needed) {
        if (!needed.grantedBy(scopes(request))) {
            throw new HttpProblemException(Problem.of(403, "missing-scope", "Forbidden",
                    "this route needs the scope '" + needed.value() + "'; the token's scopes are "
                            + scopes(request).stream().sorted().toList() + ". Ask for a token with that scope"));
        }
    }

    public ApiRequest read(InputStream event) throws IOException {
        return ApiRequest.fromEvent(json.read(event));
    }

    public void write(ApiResponse response, OutputStream out) throws IOException {
        json.write(response, out);
    }

    /** The tenant id from the JWT claims API Gateway verified; never from the body. */
    public String tenant(ApiRequest request) {
        String tenant = request.claims().get(tenantClaim);
        if (tenant == null) {
            throw new HttpProblemException(Problem.of(401, "unauthenticated", "Unauthenticated",
                    "the request carries no verified '" + tenantClaim + "' claim; send a valid bearer token"));
        }
        if (tenant.isBlank()) {
            throw new HttpProblemException(Problem.of(403, "no-tenant", "Forbidden",
                    "the token's '" + tenantClaim + "' claim is empty; it must name your tenant"));
        }
        return tenant;
    }

    /** The body as a JSON tree, after checking its content type and size (at most {@link #MAX_BODY_BYTES}). */
    public JsonNode jsonBody(ApiRequest request) {
        return jsonBody(request, "application/json", MAX_BODY_BYTES);
    }

    /** As {@link #jsonBody(ApiRequest)}, for a route that takes larger bodies (a batch). */
    public JsonNode jsonBody(ApiRequest request, int maxBytes) {
        return jsonBody(request, "application/json", maxBytes);
    }

    /** The body as a JSON tree sent as {@code expectedType} (e.g. application/merge-patch+json). */
    public JsonNode jsonBody(ApiRequest request, String expectedType) {
        return jsonBody(request, expectedType, MAX_BODY_BYTES);
    }

    private JsonNode jsonBody(ApiRequest request, String expectedType, int maxBytes) {
        String type = request.header("content-type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(expectedType)) {
            throw new HttpProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "send the body as " + expectedType + " (Content-Type was " + (type == null ? "missing" : "'" + type + "'") + ")"));
        }
        if (request.body().length > maxBytes) {
            throw new HttpProblemException(Problem.of(413, "body-too-large", "Content Too Large",
                    "the body is " + request.body().length + " bytes; at most " + maxBytes + " are accepted"));
        }
        if (request.body().length == 0) {
            throw new HttpProblemException(Problem.of(400, "malformed-json", "Malformed JSON", "the body is empty"));
        }
        try {
            return json.read(request.body());
        } catch (JsonProcessingException e) {
            throw new HttpProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "the body is not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new HttpProblemException(Problem.of(400, "malformed-json", "Malformed JSON", "the body cannot be read"));
        }
    }

    /** Runs a handler's logic, turning the failures the API explains into problem responses. */
    public ApiResponse respond(ApiRequest request, java.util.function.Function<ApiRequest, ApiResponse> logic) {
        try {
            return logic.apply(request);
        } catch (RuntimeException e) {
            Problem problem = problemFor(e);
            if (problem == null) {
                throw e;
            }
            return problem(problem, request);
        }
    }

    public ApiResponse problem(Problem problem, ApiRequest request) {
        Problem located = problem.withInstance(request.path());
        ApiResponse response = new ApiResponse(problem.status(), Map.of("content-type", "application/problem+json"),
                json.write(located));
        return problem.status() == 503 ? response.withHeader("retry-after", "1") : response;
    }

    /** The problem for an exception the API explains, or null (then it is a function error, a 500). */
    public static Problem problemFor(RuntimeException e) {
        return switch (e) {
            case HttpProblemException p -> p.problem();
            case InvalidQueryException invalid -> Problem.of(400, "invalid-query", "Invalid query",
                    "the request has " + invalid.violations().size() + " invalid parameter(s); see errors")
                    .withErrors(invalid.violations());
            case InvalidCallRequestException invalid -> Problem.of(400, "invalid-request", "Invalid request",
                    "the request has " + invalid.violations().size() + " invalid field(s); see errors")
                    .withErrors(invalid.violations());
            case OutsideCallingWindowException closed -> Problem.of(422, "outside-calling-window",
                    "Outside the calling window", "the callee's calling window is closed; it opens "
                            + closed.opening().describe())
                    .withErrors(List.of(new Violation(OutsideCallingWindowException.FIELD, closed.getMessage())));
            case TenantNotFoundException notFound -> Problem.of(403, "unknown-tenant", "Forbidden", notFound.getMessage());
            case TenantSuspendedException suspended -> Problem.of(403, "tenant-suspended", "Forbidden", suspended.getMessage());
            case InvalidTenantException invalid -> Problem.of(400, "invalid-request", "Invalid request",
                    "the request has " + invalid.violations().size() + " invalid field(s); see errors")
                    .withErrors(invalid.violations());
            case InvalidPromptException invalid -> Problem.of(400, "invalid-request", "Invalid request",
                    "the request has " + invalid.violations().size() + " invalid field(s); see errors")
                    .withErrors(invalid.violations());
            case PromptReadyException ready -> Problem.of(409, "prompt-ready", "Conflict", ready.getMessage());
            case UnknownTenantException unknown -> Problem.of(404, "tenant-not-found", "Not Found", unknown.getMessage());
            case TenantExistsException exists -> Problem.of(409, "tenant-exists", "Conflict", exists.getMessage());
            case UnknownNumberException unknown -> Problem.of(404, "number-not-found", "Not Found", unknown.getMessage());
            case NumberTakenException taken -> Problem.of(409, "number-taken", "Conflict", taken.getMessage());
            case TenantChangedException changed -> Problem.of(412, "tenant-changed", "Precondition Failed",
                    changed.getMessage());
            case DoNotCallException listed -> Problem.of(422, "do-not-call", "Do not call", listed.getMessage())
                    .withErrors(List.of(new Violation("to", listed.list().refusal())));
            case UnlistedNumberException unlisted -> Problem.of(404, "number-not-listed", "Not Found", unlisted.getMessage());
            case ImportTooLargeException tooLarge -> Problem.of(413, "too-many-numbers", "Content Too Large",
                    tooLarge.getMessage());
            case CallNotFoundException notFound -> Problem.of(404, "call-not-found", "Not Found", notFound.getMessage());
            case IdempotencyConflictException conflict -> Problem.of(409, "idempotency-conflict", "Conflict",
                    conflict.getMessage()).withCallId(conflict.callId());
            case IntakeUnavailableException down -> Problem.of(503, "unavailable", "Service Unavailable",
                    down.getMessage()).withCallId(down.callId());
            // DynamoDB throttled or unreachable on the read side (intake wraps its own as above).
            case RuntimeException failure when TransientFailures.isTransient(failure) -> Problem.of(503, "unavailable",
                    "Service Unavailable", "the call store is unavailable right now; retry shortly");
            default -> null;
        };
    }

    public Json json() {
        return json;
    }

    public String tenantClaim() {
        return tenantClaim;
    }

    public RequestLog requestLog() {
        return requestLog;
    }
}
