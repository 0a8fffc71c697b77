package io.outcall.functions.admin;

import io.outcall.core.tenant.TenantAdmin;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

/**
 * GET /tenant and PATCH /tenant (admin): the token tenant's settings. A PATCH is a JSON Merge Patch
 * (RFC 7396, {@code application/merge-patch+json}) on the document GET returns, and names the
 * version it was made on in If-Match: 428 without, 412 when the tenant changed since.
 */
public final class OwnTenantHandler extends HttpFunction {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final TenantAdmin tenants;

    public OwnTenantHandler() {
        this(AdminWiring.fromEnvironment());
        registerForSnapStart();
    }

    public OwnTenantHandler(AdminWiring wiring) {
        super(wiring.apiEvents(), Scope.ADMIN);
        this.tenants = wiring.tenants();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        if (!"PATCH".equals(request.method())) {
            return AdminHttp.tenant(200, tenants.get(tenantId));
        }
        long version = AdminHttp.ifMatch(request);
        return AdminHttp.tenant(200, tenants.patch(AdminHttp.actor(request), tenantId, version,
                api.jsonBody(request, MERGE_PATCH)));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        tenants.list(null, "1");
    }
}
