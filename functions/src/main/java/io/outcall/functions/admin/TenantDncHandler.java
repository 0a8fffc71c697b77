package io.outcall.functions.admin;

import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallList;
import io.outcall.functions.DncWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

/**
 * The token tenant's do-not-call list (admin): GET /tenant/dnc (paged, in number order), and PUT
 * (201 added, 200 listed already), DELETE (204; 404 when not listed) and GET of
 * /tenant/dnc/{number}, the number in E.164 or national in the tenant's region. Audited.
 */
public final class TenantDncHandler extends HttpFunction {

    private final DoNotCallList lists;

    public TenantDncHandler() {
        this(DncWiring.fromEnvironment());
        registerForSnapStart();
    }

    public TenantDncHandler(DncWiring wiring) {
        super(wiring.apiEvents(), Scope.ADMIN);
        this.lists = wiring.lists();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        return DncRoutes.answer(api, lists, DncList.TENANT, api.tenant(request), request);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        lists.page(DncList.TENANT, "priming-tenant-that-does-not-exist", null, "1");
    }
}
