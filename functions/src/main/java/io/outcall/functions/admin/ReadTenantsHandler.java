package io.outcall.functions.admin;

import io.outcall.core.tenant.TenantAdmin;
import io.outcall.core.tenant.TenantSettingsJson;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

/** GET /tenants (platform, paged by {@code cursor} and {@code limit}) and GET /tenants/{tenantId}. */
public final class ReadTenantsHandler extends HttpFunction {

    private final TenantAdmin tenants;

    public ReadTenantsHandler() {
        this(AdminWiring.fromEnvironment());
        registerForSnapStart();
    }

    public ReadTenantsHandler(AdminWiring wiring) {
        super(wiring.apiEvents(), Scope.PLATFORM);
        this.tenants = wiring.tenants();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        if (request.pathParameters().containsKey("tenantId")) {
            return AdminHttp.tenant(200, tenants.get(AdminHttp.pathTenant(request)));
        }
        return AdminHttp.page(tenants.list(request.queryParameters().get("cursor"), request.queryParameters().get("limit")),
                TenantSettingsJson::document);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        tenants.list(null, "1");
    }
}
