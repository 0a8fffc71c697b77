package io.outcall.functions.calllog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.calllog.CallLog;
import io.outcall.core.calllog.CallLogQuery;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** GET /calls: the token's tenant's calls, newest first, filtered, a page at a time. */
public final class ListCallsHandler implements RequestStreamHandler, Resource {

    private final ApiEvents api;
    private final CallLog callLog;
    private final PhoneNumbers phones;

    public ListCallsHandler() {
        this(ReadWiring.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    public ListCallsHandler(ReadWiring wiring) {
        this.api = new ApiEvents(wiring.json(), wiring.tenantClaim());
        this.callLog = wiring.requireCallLog();
        this.phones = wiring.phones();
    }

    @Override
    public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
        api.write(handle(api.read(event)), out);
    }

    public ApiResponse handle(ApiRequest request) {
        return api.respond(request, r -> {
            String tenantId = api.tenant(r);
            CallLog.Page page = callLog.list(tenantId, CallLogQuery.parse(r.queryParameters(), phones));
            return ApiResponse.json(200, api.json().write(CallJson.page(page)));
        });
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

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
