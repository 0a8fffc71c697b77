package io.outcall.functions.admin;

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
 * PATCH and DELETE /tenant/dids/{numberId} and /tenant/transfer-numbers/{numberId} (admin): a JSON
 * merge patch on the label, active flag and caller name or weight; DELETE deactivates, keeping the
 * id from ever being reused. Another tenant's id is 404, like a missing one.
 */
public final class TenantNumberHandler extends HttpFunction {

    private final TenantNumbers numbers;

    public TenantNumberHandler() {
        this(AdminWiring.fromEnvironment());
        registerForSnapStart();
    }

    public TenantNumberHandler(AdminWiring wiring) {
        super(wiring.apiEvents(), Scope.ADMIN);
        this.numbers = wiring.numbers();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        NumberKind kind = NumberKind.ofPath(request.path());
        String id = request.pathParameters().get("numberId");
        TenantNumber number = "DELETE".equals(request.method())
                ? numbers.deactivate(AdminHttp.actor(request), tenantId, kind, id)
                : numbers.patch(AdminHttp.actor(request), tenantId, kind, id,
                        api.jsonBody(request, OwnTenantHandler.MERGE_PATCH));
        return ApiResponse.json(200, TenantNumberJson.document(number).toString());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        numbers.list("priming-tenant-that-does-not-exist", NumberKind.DID);
    }
}
