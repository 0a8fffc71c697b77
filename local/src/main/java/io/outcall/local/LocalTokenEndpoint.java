package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /local/token}: the console's local sign-in. {@code {"tenant":"demo","role":"calls"}}
 * answers the token {@code ./run-local token --tenant demo} prints (role {@code admin} adds
 * {@code --admin}, {@code platform} is {@code --platform}, tenant optional). Only ./run-local has
 * it, and only with its own issuer. A JSON body is required, so a page of another origin cannot
 * send one without a CORS preflight this front never grants; a Host other than the loopback is
 * refused, so a DNS-rebound name cannot reach it either.
 */
final class LocalTokenEndpoint {

    static final String PATH = "/local/token";

    private final LocalAuth auth;
    private final ObjectMapper json;
    private final Clock clock;

    LocalTokenEndpoint(LocalAuth auth, ObjectMapper json, Clock clock) {
        this.auth = auth;
        this.json = json;
        this.clock = clock;
    }

    ConsoleAnswer answer(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            return ConsoleAnswer.json(405, "{\"message\":\"Method Not Allowed\"}").with("allow", "POST");
        }
        String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).toLowerCase(Locale.ROOT);
        if (!(host.startsWith("127.0.0.1") || host.startsWith("localhost") || host.startsWith("[::1]"))) {
            return problem(403, "local-only", "the local sign-in answers on 127.0.0.1 or localhost only, not " + host);
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            return problem(415, "unsupported-media-type", "send the body as application/json");
        }
        JsonNode body;
        try {
            body = json.readTree(exchange.getRequestBody().readAllBytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return problem(400, "malformed-json", "the body is not JSON: " + e.getOriginalMessage());
        }
        String tenant = body == null ? null : blankToNull(body.path("tenant").asText(null));
        String role = body == null ? "calls" : body.path("role").asText("calls");
        TokenGrant grant;
        try {
            grant = switch (role) {
                case "calls" -> new TokenGrant(tenant, false, false);
                case "admin" -> new TokenGrant(tenant, true, false);
                case "platform" -> new TokenGrant(tenant, false, true);
                default -> throw new IllegalArgumentException("role must be calls, admin or platform, not '" + role + "'");
            };
        } catch (IllegalArgumentException e) {
            return problem(400, "invalid-request", e.getMessage().replace("--tenant T", "a tenant").replace("--tenant", "tenant"));
        }
        String token = auth.token(grant);
        var answer = json.createObjectNode();
        answer.put("token", token);
        answer.put("expiresAt", clock.instant().plus(LocalIssuer.LIFETIME).toString());
        answer.putPOJO("scopes", grant.scopes());
        return ConsoleAnswer.json(200, json.writeValueAsString(answer)).with("cache-control", "no-store");
    }

    private ConsoleAnswer problem(int status, String slug, String detail) throws IOException {
        var node = json.createObjectNode();
        node.put("type", "https://outcall.dev/problems/" + slug);
        node.put("title", detail);
        node.put("status", status);
        node.put("detail", detail);
        return new ConsoleAnswer(status, "application/problem+json", json.writeValueAsBytes(node), Map.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
