package io.outcall.functions.admin;

import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantAdmin;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

/** POST /tenants (platform): onboards a tenant; 201 with it, 409 when the id is taken. */
public final class CreateTenantHandler extends HttpFunction {

    private final TenantAdmin tenants;

    public CreateTenantHandler() {
        this(AdminWiring.fromEnvironment());
        registerForSnapStart();
    }

    public CreateTenantHandler(AdminWiring wiring) {
        super(wiring.apiEvents(), Scope.PLATFORM);
        this.tenants = wiring.tenants();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        Tenant tenant = tenants.create(AdminHttp.actor(request), api.jsonBody(request));
        return AdminHttp.tenant(201, tenant).withHeader("location", "/tenants/" + tenant.tenantId());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        tenants.list(null, "1");
    }
}
