package io.outcall.functions.calllog;

import io.outcall.core.calllog.CallLog;
import io.outcall.core.calllog.CallLogQuery;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** GET /calls: the token's tenant's calls, newest first, filtered, a page at a time. */
public final class ListCallsHandler extends HttpFunction {

    private final CallLog callLog;
    private final PhoneNumbers phones;

    public ListCallsHandler() {
        this(ReadWiring.fromEnvironment());
        registerForSnapStart();
    }

    public ListCallsHandler(ReadWiring wiring) {
        super(wiring.apiEvents(), Scope.CALLS);
        this.callLog = wiring.callLog();
        this.phones = new PhoneNumbers();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        CallLog.Page page = callLog.list(tenantId, CallLogQuery.parse(request.queryParameters(), phones));
        return ApiResponse.json(200, api.json().write(CallJson.page(page)));
    }

    /** SnapStart priming: a page of a tenant that has no calls warms parsing, the query and JSON. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        String event = """
                {"version":"2.0","routeKey":"GET /calls","rawPath":"/calls","headers":{},
                 "queryStringParameters":{"limit":"5","status":"COMPLETED","number":"+14045550100"},
                 "requestContext":{"http":{"method":"GET","path":"/calls"},"requestId":"priming",
                 "authorizer":{"jwt":{"claims":{"%s":"priming-tenant-that-does-not-exist"}}}}}"""
                .formatted(api.tenantClaim());
        handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }
}
