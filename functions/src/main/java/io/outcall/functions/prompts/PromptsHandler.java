package io.outcall.functions.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.prompt.InvalidPromptException;
import io.outcall.core.prompt.TenantPrompts;
import io.outcall.functions.PromptWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;
import io.outcall.functions.http.Scope;

import java.util.Map;

/**
 * {@code /tenant/prompts}: POST {@code {name, bytes}} starts an upload (201: the prompt, uploading,
 * and a presigned PUT valid 5 minutes for exactly that many bytes of audio/wav), GET lists them;
 * {@code /tenant/prompts/{name}}: GET, DELETE (204; the converted files too). Administrators of the
 * token's tenant only; another tenant's prompt is a 404.
 */
public final class PromptsHandler extends HttpFunction {

    private final TenantPrompts prompts;

    public PromptsHandler() {
        this(PromptWiring.fromEnvironment());
        registerForSnapStart();
    }

    public PromptsHandler(PromptWiring wiring) {
        super(wiring.api(), Scope.ADMIN);
        this.prompts = wiring.tenantPrompts();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        String name = request.pathParameters().get("name");
        String actor = actor(request);
        if (name == null) {
            if (request.method().equals("POST")) {
                JsonNode body = api.jsonBody(request);
                onlyKnownFields(body);
                TenantPrompts.Upload upload = prompts.startUpload(actor, tenantId, text(body, "name"), bytes(body));
                return ApiResponse.json(201, PromptJson.upload(upload).toString())
                        .withHeader("location", "/tenant/prompts/" + upload.prompt().name());
            }
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.putArray("items");
            prompts.list(tenantId).forEach(p -> list.withArray("items").add(PromptJson.document(p)));
            return ApiResponse.json(200, list.toString());
        }
        if (request.method().equals("DELETE")) {
            if (!prompts.delete(actor, tenantId, name)) {
                throw notFound(name);
            }
            return new ApiResponse(204, Map.of(), "");
        }
        return ApiResponse.json(200, PromptJson.document(prompts.find(tenantId, name).orElseThrow(() -> notFound(name)))
                .toString());
    }

    private static void onlyKnownFields(JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidPromptException("body", "must be a JSON object: {\"name\": ..., \"bytes\": ...}");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !field.equals("bytes")) {
                throw new InvalidPromptException(field, "is not a field; known are [name, bytes]");
            }
        });
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
            throw new InvalidPromptException(field, "must be a string");
        }
        return value.isTextual() ? value.textValue() : null;
    }

    private static Long bytes(JsonNode body) {
        JsonNode value = body.path("bytes");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidPromptException("bytes", "must be a whole number: the WAV file's size in bytes");
        }
        return value.longValue();
    }

    /** The token's subject, recorded in the audit as who made the change. */
    private static String actor(ApiRequest request) {
        String sub = request.claims().get("sub");
        return sub == null || sub.isBlank() ? "unknown" : sub;
    }

    private static HttpProblemException notFound(String name) {
        return new HttpProblemException(Problem.of(404, "prompt-not-found", "Not Found",
                "this tenant has no prompt " + name + "; GET /tenant/prompts lists them"));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        prompts.list("priming-tenant-that-does-not-exist");
    }
}
