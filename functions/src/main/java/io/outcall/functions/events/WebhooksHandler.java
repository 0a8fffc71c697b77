package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.webhooks.InvalidWebhookException;
import io.outcall.core.webhooks.WebhookEndpoint;
import io.outcall.core.webhooks.WebhookRegistry;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;
import io.outcall.functions.http.Scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /tenant/webhooks}: POST registers an endpoint (201, its secret shown this once), GET lists
 * them; {@code /tenant/webhooks/{webhookId}}: GET, PATCH (url, eventTypes, active), DELETE (204);
 * {@code POST .../rotate-secret} issues a new secret (shown once; the old one signs for 24 more
 * hours). Administrators of the token's tenant only; another tenant's webhook is a 404.
 */
public final class WebhooksHandler extends HttpFunction {

    private static final Set<String> FIELDS = Set.of("url", "eventTypes", "active");

    private final WebhookApiWiring wiring;
    private final WebhookRegistry registry;

    public WebhooksHandler() {
        this(WebhookApiWiring.fromEnvironment(System.getenv()));
        registerForSnapStart();
    }

    public WebhooksHandler(WebhookApiWiring wiring) {
        super(wiring.api(), Scope.ADMIN);
        this.wiring = wiring;
        this.registry = wiring.registry();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        String id = request.pathParameters().get("webhookId");
        String actor = actor(request);
        try {
            if (id == null) {
                if (request.method().equals("POST")) {
                    var registered = registry.register(tenantId, actor, settings(request));
                    return ApiResponse.json(201, api.json().write(WebhookJson.endpoint(registered.endpoint(),
                            registered.secret()))).withHeader("location", "/tenant/webhooks/" + registered.endpoint().endpointId());
                }
                return ApiResponse.json(200, api.json().write(WebhookJson.endpoints(registry.list(tenantId))));
            }
            if (request.path().endsWith("/rotate-secret")) {
                var rotated = registry.rotate(tenantId, id, actor).orElseThrow(() -> notFound(id));
                return ApiResponse.json(200, api.json().write(WebhookJson.endpoint(rotated.endpoint(), rotated.secret())));
            }
            return switch (request.method()) {
                case "PATCH" -> ok(registry.update(tenantId, id, actor, settings(request)).orElseThrow(() -> notFound(id)));
                case "DELETE" -> registry.delete(tenantId, id, actor) ? new ApiResponse(204, java.util.Map.of(), "")
                        : ok(registry.find(tenantId, id).orElseThrow(() -> notFound(id)));
                default -> ok(registry.find(tenantId, id).orElseThrow(() -> notFound(id)));
            };
        } catch (InvalidWebhookException invalid) {
            throw new HttpProblemException(Problem.of(400, "invalid-request", "Invalid request",
                    "the request has " + invalid.violations().size() + " invalid field(s); see errors")
                    .withErrors(invalid.violations()));
        }
    }

    /** The token's subject, recorded in the audit as who made the change. */
    private static String actor(ApiRequest request) {
        String sub = request.claims().get("sub");
        return sub == null || sub.isBlank() ? "unknown" : sub;
    }

    private ApiResponse ok(WebhookEndpoint endpoint) {
        return ApiResponse.json(200, api.json().write(WebhookJson.endpoint(endpoint, null)));
    }

    private WebhookRegistry.Settings settings(ApiRequest request) {
        JsonNode body = api.jsonBody(request);
        List<io.outcall.core.validation.Violation> violations = new ArrayList<>();
        if (!body.isObject()) {
            violations.add(new io.outcall.core.validation.Violation("", "the body must be a JSON object"));
            throw new InvalidWebhookException(violations);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                violations.add(new io.outcall.core.validation.Violation(name, "is not a field; known are " + FIELDS));
            }
        });
        JsonNode url = body.get("url");
        JsonNode types = body.get("eventTypes");
        JsonNode active = body.get("active");
        if (url != null && !url.isTextual()) {
            violations.add(new io.outcall.core.validation.Violation("url", "must be a string"));
        }
        if (types != null && !(types.isArray() && allText(types))) {
            violations.add(new io.outcall.core.validation.Violation("eventTypes", "must be an array of event types"));
        }
        if (active != null && !active.isBoolean()) {
            violations.add(new io.outcall.core.validation.Violation("active", "must be true or false"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidWebhookException(violations);
        }
        List<String> typeList = null;
        if (types != null) {
            typeList = new ArrayList<>();
            for (JsonNode type : types) {
                typeList.add(type.asText());
            }
        }
        return new WebhookRegistry.Settings(url == null ? null : url.asText(), typeList,
                active == null ? null : active.asBoolean());
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    static HttpProblemException notFound(String webhookId) {
        return new HttpProblemException(Problem.of(404, "webhook-not-found", "Not Found",
                "this tenant has no webhook " + webhookId));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        // A list of a tenant that has no webhooks: the query every route starts with, nothing written.
        registry.list("priming-tenant-that-does-not-exist");
    }
}
