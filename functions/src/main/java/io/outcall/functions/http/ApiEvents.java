package io.outcall.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.intake.IdempotencyConflictException;
import io.outcall.core.intake.IntakeUnavailableException;
import io.outcall.core.calllog.CallNotFoundException;
import io.outcall.core.calllog.InvalidQueryException;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.intake.TenantNotFoundException;
import io.outcall.core.aws.TransientFailures;
import io.outcall.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * What every HTTP handler does around its own logic: read the event, find the tenant in the
 * verified claims, read a JSON body within limits, and turn failures into problem responses.
 */
public final class ApiEvents {

    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final Json json;
    private final String tenantClaim;
    private final RequestLog requestLog;

    public ApiEvents(Json json, String tenantClaim, RequestLog requestLog) {
        this.json = json;
        this.tenantClaim = tenantClaim;
        this.requestLog = requestLog;
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
        return jsonBody(request, MAX_BODY_BYTES);
    }

    /** As {@link #jsonBody(ApiRequest)}, for a route that takes larger bodies (a batch). */
    public JsonNode jsonBody(ApiRequest request, int maxBytes) {
        String type = request.header("content-type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new HttpProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "send the body as application/json (Content-Type was " + (type == null ? "missing" : "'" + type + "'") + ")"));
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
            case TenantNotFoundException notFound -> Problem.of(403, "unknown-tenant", "Forbidden", notFound.getMessage());
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
