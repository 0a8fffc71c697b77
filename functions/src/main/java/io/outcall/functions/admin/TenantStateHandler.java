package io.outcall.functions.admin;

import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantAdmin;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.tenant.InvalidTenantException;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

import java.util.Set;

/**
 * POST /tenants/{tenantId}/suspend (body {@code {"reason": ...}}) and POST /tenants/{tenantId}/reactivate
 * (platform). A suspended tenant's new calls are refused with the reason; calls already queued go on.
 * Its SCHEDULED calls and retries wait: the due-call scheduler holds them, re-checked every 15
 * minutes, and they go once the tenant is reactivated.
 */
public final class TenantStateHandler extends HttpFunction {

    private final TenantAdmin tenants;

    public TenantStateHandler() {
        this(AdminWiring.fromEnvironment());
        registerForSnapStart();
    }

    public TenantStateHandler(AdminWiring wiring) {
        super(wiring.apiEvents(), Scope.PLATFORM);
        this.tenants = wiring.tenants();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = AdminHttp.pathTenant(request);
        Tenant tenant;
        if (request.path().endsWith("/suspend")) {
            JsonFields fields = new JsonFields(api.jsonBody(request), InvalidTenantException::new);
            fields.onlyKnown(Set.of("reason"));
            String reason = fields.string("reason");
            if (!fields.violations().isEmpty()) {
                throw new InvalidTenantException(fields.violations());
            }
            tenant = tenants.suspend(AdminHttp.actor(request), tenantId, reason);
        } else {
            tenant = tenants.reactivate(AdminHttp.actor(request), tenantId);
        }
        return AdminHttp.tenant(200, tenant);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        tenants.list(null, "1");
    }
}
