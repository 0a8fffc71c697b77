package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.testing.OpenApiContract;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/** API Gateway HTTP API (payload 2.0) events with verified claims, through a handler; every answer checked against openapi.yaml. */
final class ApiGatewayRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiGatewayRequests() {
    }

    record Answer(int status, JsonNode body, JsonNode headers) {
    }

    static Answer call(HttpFunction handler, String tenant, String scope, String method, String path,
                               Map<String, String> pathParameters, Map<String, String> query, String body) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("rawPath", path);
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode parameters = event.putObject("pathParameters");
        pathParameters.forEach(parameters::put);
        ObjectNode queryParameters = event.putObject("queryStringParameters");
        query.forEach(queryParameters::put);
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.putObject("http").put("method", method).put("path", path);
        ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        claims.put("tenant_id", tenant);
        claims.put("sub", "admin-1");
        if (scope != null) {
            claims.put("scope", scope);
        }
        if (body != null) {
            event.put("body", body);
        }
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(event);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(bytes), out, null);
            JsonNode response = MAPPER.readTree(out.toByteArray());
            OpenApiContract.repository().assertResponse(bytes, response);
            String text = response.path("body").asText("");
            return new Answer(response.get("statusCode").asInt(), text.isEmpty() ? null : MAPPER.readTree(text),
                    response.get("headers"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
