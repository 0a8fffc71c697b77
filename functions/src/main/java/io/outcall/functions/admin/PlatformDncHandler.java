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
 * The platform's do-not-call list (platform scope), which applies to every tenant: GET
 * /platform/dnc (paged), PUT, DELETE and GET /platform/dnc/{number}, international numbers only.
 * Audited under the platform, not under any tenant.
 */
public final class PlatformDncHandler extends HttpFunction {

    private final DoNotCallList lists;

    public PlatformDncHandler() {
        this(DncWiring.fromEnvironment());
        registerForSnapStart();
    }

    public PlatformDncHandler(DncWiring wiring) {
        super(wiring.apiEvents(), Scope.PLATFORM);
        this.lists = wiring.lists();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        return DncRoutes.answer(api, lists, DncList.PLATFORM, null, request);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        lists.page(DncList.PLATFORM, null, null, "1");
    }
}
