package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.intake.ApiGatewayEvents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sends real API Gateway events to a handler as a platform operator or a tenant's admin would. */
final class AdminApi {

    record Response(int status, JsonNode headers, JsonNode body) {
        String header(String name) {
            return headers.path(name).asText(null);
        }
    }

    private AdminApi() {
    }

    static ApiGatewayEvents platform(String method, String path, Map<String, String> parameters, String body) {
        return ApiGatewayEvents.request(method, path, parameters, body).tenantClaim(null)
                .scopeClaim("outcall/platform").claim("sub", "operator-1");
    }

    static ApiGatewayEvents admin(String tenantId, String method, String path, String body) {
        return ApiGatewayEvents.request(method, path, Map.of(), body).tenantClaim(tenantId)
                .scopeClaim("openid outcall/admin").claim("sub", "admin-of-" + tenantId);
    }

    static Response send(HttpFunction handler, ApiGatewayEvents event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.bytes()), out, null);
            JsonNode response = ApiGatewayEvents.parse(out.toByteArray());
            String body = response.path("body").asText("");
            return new Response(response.get("statusCode").asInt(), response.get("headers"),
                    body.isEmpty() ? null : ApiGatewayEvents.parse(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
