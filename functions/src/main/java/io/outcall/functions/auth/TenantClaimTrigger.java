package io.outcall.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.json.Json;
import io.outcall.core.tenant.TenantValidation;
import io.outcall.functions.http.Scope;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cognito's pre token generation trigger (event version V2_0, which alone can change access
 * tokens): Cognito access tokens carry no custom attribute, so this copies the user's
 * {@code custom:tenant_id} into the claim the HTTP API reads ({@code TENANT_CLAIM}), and makes the
 * token's {@code outcall/...} scopes exactly those its role groups grant, whatever the client asked
 * for. A user in no role group, or without a well-formed tenant (the platform operator needs none),
 * gets no token: an access token without any {@code outcall/} scope would pass as a calls token.
 */
public final class TenantClaimTrigger implements RequestStreamHandler {

    static final String TENANT_ATTRIBUTE = "custom:tenant_id";

    private final JsonFactory factory;
    private final Json json;
    private final String tenantClaim;

    public TenantClaimTrigger() {
        this(new JsonFactory(), System.getenv().getOrDefault("TENANT_CLAIM", "tenant_id"));
    }

    /** @param tenantClaim the access token claim the HTTP API reads the tenant from (TENANT_CLAIM) */
    public TenantClaimTrigger(JsonFactory factory, String tenantClaim) {
        this.factory = factory;
        this.json = new Json(factory);
        this.tenantClaim = tenantClaim;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] document = input.readAllBytes();
        JsonNode event = json.read(document);
        JsonNode request = event.path("request");
        String user = event.path("userName").asText("?");
        Set<Scope> granted = RoleGroup.scopesOf(texts(request.path("groupConfiguration").path("groupsToOverride")));
        if (granted.isEmpty()) {
            throw new SignInRefusedException("user " + user + " has no role: add it to the group calls, admin or platform"
                    + " (aws cognito-idp admin-add-user-to-group)");
        }
        String tenant = request.path("userAttributes").path(TENANT_ATTRIBUTE).asText("");
        boolean operatorOnly = Set.of(Scope.PLATFORM).equals(granted);
        if (!TenantValidation.TENANT_ID.matcher(tenant).matches() && !(operatorOnly && tenant.isEmpty())) {
            throw new SignInRefusedException("user " + user + " has no valid " + TENANT_ATTRIBUTE + " ('" + tenant
                    + "'): create the user again with its tenant's id (the attribute cannot change)");
        }
        List<String> suppressed = texts(request.path("scopes")).stream()
                .filter(asked -> asked.startsWith("outcall/") && granted.stream().noneMatch(s -> s.value().equals(asked)))
                .toList();
        // Lambda answers Cognito with the event itself, its response filled in: every other field is
        // copied as it came, token by token.
        json.write(out -> {
            out.writeStartObject();
            try (JsonParser in = factory.createParser(document)) {
                in.nextToken();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    in.nextToken();
                    if (name.equals("response")) {
                        in.skipChildren();
                    } else {
                        out.writeFieldName(name);
                        out.copyCurrentStructure(in);
                    }
                }
            }
            out.writeObjectFieldStart("response");
            out.writeObjectFieldStart("claimsAndScopeOverrideDetails");
            out.writeFieldName("accessTokenGeneration");
            new AccessTokenChange(tenantClaim, tenant, granted, suppressed).writeTo(out);
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndObject();
        }, output);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
