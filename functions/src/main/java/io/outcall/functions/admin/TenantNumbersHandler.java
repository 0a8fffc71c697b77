package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.tenant.NumberKind;
import io.outcall.core.tenant.TenantNumber;
import io.outcall.core.tenant.TenantNumberJson;
import io.outcall.core.tenant.TenantNumbers;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

/**
 * POST and GET /tenant/dids and /tenant/transfer-numbers (admin): add a number to the token's
 * tenant (a DID another tenant has is 409), or list them all with their use counts.
 */
public final class TenantNumbersHandler extends HttpFunction {

    private final TenantNumbers numbers;

    public TenantNumbersHandler() {
        this(AdminWiring.fromEnvironment());
        registerForSnapStart();
    }

    public TenantNumbersHandler(AdminWiring wiring) {
        super(wiring.apiEvents(), Scope.ADMIN);
        this.numbers = wiring.numbers();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        NumberKind kind = NumberKind.ofPath(request.path());
        if ("POST".equals(request.method())) {
            TenantNumber added = numbers.add(AdminHttp.actor(request), tenantId, kind, api.jsonBody(request));
            return ApiResponse.json(201, TenantNumberJson.document(added).toString())
                    .withHeader("location", "/tenant/" + kind.pathSegment() + "/" + added.id());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("items");
        numbers.list(tenantId, kind).forEach(n -> body.withArray("items").add(TenantNumberJson.document(n)));
        return ApiResponse.json(200, body.toString());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        numbers.list("priming-tenant-that-does-not-exist", NumberKind.DID);
    }
}
