package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.TenantAdmin;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

/** GET /tenant/audit (admin): who changed what in the token tenant's configuration, newest first, paged. */
public final class TenantAuditHandler extends HttpFunction {

    private final TenantAdmin tenants;

    public TenantAuditHandler() {
        this(AdminWiring.fromEnvironment());
        registerForSnapStart();
    }

    public TenantAuditHandler(AdminWiring wiring) {
        super(wiring.apiEvents(), Scope.ADMIN);
        this.tenants = wiring.tenants();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        return AdminHttp.page(tenants.audit(tenantId, request.queryParameters().get("cursor"),
                request.queryParameters().get("limit")), TenantAuditHandler::json);
    }

    static ObjectNode json(AuditEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("at", entry.at().toString()).put("actor", entry.actor()).put("action", entry.action())
                .put("subject", entry.subject());
        for (AuditEntry.Change change : entry.changes()) {
            ObjectNode c = node.withArray("changes").addObject().put("field", change.field());
            c.put("before", change.before());
            c.put("after", change.after());
        }
        return node;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        tenants.audit("priming-tenant-that-does-not-exist", null, "1");
    }
}
