package io.outcall.functions.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API (payload format 2.0) event a handler reads. Header names
 * are lower-cased, as API Gateway delivers them; {@code claims} are those the JWT authorizer
 * verified, empty when the route has no authorizer; {@code scopes} are the authorizer's own list
 * ({@code requestContext.authorizer.jwt.scopes}), null when the event carries none (API Gateway
 * fills it only for routes that declare authorization scopes), and then the scope claim decides.
 */
public record ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> pathParameters,
                         Map<String, String> queryParameters, Map<String, String> claims, byte[] body,
                         String requestId, List<String> scopes) {

    public ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> pathParameters,
                      Map<String, String> queryParameters, Map<String, String> claims, byte[] body, String requestId) {
        this(method, path, headers, pathParameters, queryParameters, claims, body, requestId, null);
    }

    public static ApiRequest fromEvent(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String bodyText = event.path("body").isTextual() ? event.path("body").textValue() : "";
        byte[] body = event.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(bodyText)
                : bodyText.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        event.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        JsonNode scopes = context.path("authorizer").path("jwt").path("scopes");
        List<String> scopeList = null;
        if (scopes.isArray()) {
            scopeList = new ArrayList<>();
            for (JsonNode scope : scopes) {
                scopeList.add(scope.asText());
            }
        }
        return new ApiRequest(
                context.path("http").path("method").asText(""),
                context.path("http").path("path").asText(event.path("rawPath").asText("")),
                headers,
                strings(event.path("pathParameters")),
                strings(event.path("queryStringParameters")),
                strings(context.path("authorizer").path("jwt").path("claims")),
                body,
                context.path("requestId").asText(""),
                scopeList);
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
