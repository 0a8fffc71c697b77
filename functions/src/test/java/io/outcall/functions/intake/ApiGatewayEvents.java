package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds API Gateway HTTP API (2.0) events from a captured POST /calls event. */
final class ApiGatewayEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode event;

    private ApiGatewayEvents(ObjectNode event) {
        this.event = event;
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
    ApiGatewayEvents path(String path) {
        event.put("rawPath", path);
        event.put("routeKey", "POST " + path);
        ((ObjectNode) event.at("/requestContext")).put("routeKey", "POST " + path);
        ((ObjectNode) event.at("/requestContext/http")).put("path", path);
        return this;
    }

    ApiGatewayEvents header(String name, String value) {
        ObjectNode headers = (ObjectNode) event.get("headers");
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    ApiGatewayEvents tenantClaim(String tenant) {
        ObjectNode claims = (ObjectNode) event.at("/requestContext/authorizer/jwt/claims");
        if (tenant == null) {
            claims.remove("tenant_id");
        } else {
            claims.put("tenant_id", tenant);
        }
        return this;
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

    byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
