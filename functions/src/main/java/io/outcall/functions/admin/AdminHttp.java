package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.tenant.Page;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantSettingsJson;
import io.outcall.core.tenant.TenantValidation;
import io.outcall.core.tenant.UnknownTenantException;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the admin handlers share: who acts, versions as ETags, tenant documents and pages as JSON. */
final class AdminHttp {

    private static final Pattern STRONG_ETAG = Pattern.compile("\\s*\"(\\d{1,18})\"\\s*(,.*)?");

    private AdminHttp() {
    }

    /** The token's subject, recorded as who made a change. */
    static String actor(ApiRequest request) {
        String sub = request.claims().get("sub");
        return sub == null || sub.isBlank() ? "unknown" : sub;
    }

    /** The {@code tenantId} path parameter; one that could not be a tenant id is not found, like a missing one. */
    static String pathTenant(ApiRequest request) {
        String tenantId = request.pathParameters().get("tenantId");
        if (tenantId == null || !TenantValidation.TENANT_ID.matcher(tenantId).matches()) {
            throw new UnknownTenantException(String.valueOf(tenantId));
        }
        return tenantId;
    }

    static String etag(Tenant tenant) {
        return "\"" + tenant.version() + "\"";
    }

    /** The version an {@code If-Match} names: 428 without one, 412 for one that is no version of ours. */
    static long ifMatch(ApiRequest request) {
        String header = request.header("if-match");
        if (header == null || header.isBlank()) {
            throw new HttpProblemException(Problem.of(428, "precondition-required", "Precondition Required",
                    "send If-Match with the ETag of the tenant you read (GET /tenant), so a change made in between is not overwritten"));
        }
        Matcher matcher = STRONG_ETAG.matcher(header);
        if (!matcher.matches()) {
            throw new HttpProblemException(Problem.of(412, "tenant-changed", "Precondition Failed",
                    "If-Match " + header + " names no version of this tenant; read it again (GET /tenant) and send its ETag"));
        }
        return Long.parseLong(matcher.group(1));
    }

    static ApiResponse tenant(int status, Tenant tenant) {
        return ApiResponse.json(status, TenantSettingsJson.document(tenant).toString()).withHeader("etag", etag(tenant));
    }

    static <T> ApiResponse page(Page<T> page, Function<T, JsonNode> item) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        page.items().forEach(i -> body.withArray("items").add(item.apply(i)));
        body.withArray("items");
        if (page.next() != null) {
            body.put("next", page.next());
        }
        return ApiResponse.json(200, body.toString());
    }
}
