package io.outcall.functions.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API (payload format 2.0) event a handler reads. Header names
 * are lower-cased, as API Gateway delivers them; {@code claims} are those the JWT authorizer
 * verified, empty when the route has no authorizer.
 */
public record ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> pathParameters,
                         Map<String, String> queryParameters, Map<String, String> claims, byte[] body,
                         String requestId) {

    public static ApiRequest fromEvent(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String bodyText = event.path("body").isTextual() ? event.path("body").textValue() : "";
        byte[] body = event.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(bodyText)
                : bodyText.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        event.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        return new ApiRequest(
                context.path("http").path("method").asText(""),
                context.path("http").path("path").asText(event.path("rawPath").asText("")),
                headers,
                strings(event.path("pathParameters")),
                strings(event.path("queryStringParameters")),
                strings(context.path("authorizer").path("jwt").path("claims")),
                body,
                context.path("requestId").asText(""));
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new HashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
