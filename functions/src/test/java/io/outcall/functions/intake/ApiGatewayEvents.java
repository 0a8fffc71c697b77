package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Builds API Gateway HTTP API (2.0) events from a captured POST /calls event. */
public final class ApiGatewayEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode event;

    private ApiGatewayEvents(ObjectNode event) {
        this.event = event;
    }

    /**
     * Any route, built from the captured event: the method, path, path parameters and (null for
     * none) a JSON body; the tenant claim is acme's until changed.
     */
    public static ApiGatewayEvents request(String method, String path, Map<String, String> pathParameters, String body) {
        ApiGatewayEvents built = postCalls(body == null ? "" : body);
        ObjectNode context = (ObjectNode) built.event.get("requestContext");
        ((ObjectNode) context.get("http")).put("method", method).put("path", path);
        built.event.put("rawPath", path);
        built.event.put("routeKey", method + " " + path);
        ObjectNode parameters = built.event.putObject("pathParameters");
        pathParameters.forEach(parameters::put);
        if (body == null) {
            built.event.remove("body");
            ((ObjectNode) built.event.get("headers")).remove("content-type");
            ((ObjectNode) built.event.get("headers")).remove("content-length");
        }
        return built;
    }

    static ApiGatewayEvents postCalls(String body) {
        try (InputStream in = ApiGatewayEvents.class.getResourceAsStream("/events/post-calls.json")) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            event.put("body", body);
            ((ObjectNode) event.get("headers")).put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
            return new ApiGatewayEvents(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same POST sent to another route, e.g. /calls/batch. */
    public ApiGatewayEvents path(String path) {
        event.put("rawPath", path);
        event.put("routeKey", "POST " + path);
        ((ObjectNode) event.at("/requestContext")).put("routeKey", "POST " + path);
        ((ObjectNode) event.at("/requestContext/http")).put("path", path);
        return this;
    }

    public ApiGatewayEvents header(String name, String value) {
        ObjectNode headers = (ObjectNode) event.get("headers");
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    /** The query string parameters, as API Gateway decodes them. */
    public ApiGatewayEvents query(Map<String, String> parameters) {
        ObjectNode query = event.putObject("queryStringParameters");
        parameters.forEach(query::put);
        return this;
    }

    /** Any verified claim; null removes it. */
    public ApiGatewayEvents claim(String name, String value) {
        ObjectNode claims = (ObjectNode) event.at("/requestContext/authorizer/jwt/claims");
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** The space-separated scope claim, as Cognito issues it (the authorizer's list stays null). */
    public ApiGatewayEvents scopeClaim(String scopes) {
        return claim("scope", scopes);
    }

    /** The authorizer's own scope list, {@code requestContext.authorizer.jwt.scopes}. */
    public ApiGatewayEvents scopes(String... scopes) {
        ArrayNode list = ((ObjectNode) event.at("/requestContext/authorizer/jwt")).putArray("scopes");
        for (String scope : scopes) {
            list.add(scope);
        }
        return this;
    }

    public ApiGatewayEvents tenantClaim(String tenant) {
        return claim("tenant_id", tenant);
    }

    ApiGatewayEvents withoutAuthorizer() {
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        return this;
    }

    ApiGatewayEvents base64Body() {
        event.put("body", Base64.getEncoder().encodeToString(event.get("body").textValue().getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return this;
    }

    public byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
