package io.outcall.functions.auth;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.json.JsonWritable;
import io.outcall.functions.http.Scope;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * What the trigger changes in one access token, written as the V2_0 response's
 * {@code accessTokenGeneration}: the tenant claim (none when {@code tenant} is empty) and the
 * scopes added and suppressed.
 */
record AccessTokenChange(String tenantClaim, String tenant, Set<Scope> added, List<String> suppressed)
        implements JsonWritable {

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeStartObject();
        if (!tenant.isEmpty()) {
            out.writeObjectFieldStart("claimsToAddOrOverride");
            out.writeStringField(tenantClaim, tenant);
            out.writeEndObject();
        }
        out.writeArrayFieldStart("scopesToAdd");
        for (Scope scope : added) {
            out.writeString(scope.value());
        }
        out.writeEndArray();
        out.writeArrayFieldStart("scopesToSuppress");
        for (String scope : suppressed) {
            out.writeString(scope);
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
