package io.outcall.functions.calllog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.CallStatsQuery;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** GET /calls/stats: the tenant's figures per hour or day and in total, read from counters. */
public final class CallStatsHandler implements RequestStreamHandler, Resource {

    private final ApiEvents api;
    private final CallStats stats;
    private final Clock clock;

    public CallStatsHandler() {
        this(ReadWiring.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    public CallStatsHandler(ReadWiring wiring) {
        this.api = new ApiEvents(wiring.json(), wiring.tenantClaim());
        this.stats = wiring.stats();
        this.clock = wiring.clock();
    }

    @Override
    public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
        api.write(handle(api.read(event)), out);
    }

    public ApiResponse handle(ApiRequest request) {
        return api.respond(request, r -> {
            String tenantId = api.tenant(r);
            CallStats.Report report = stats.report(tenantId, CallStatsQuery.parse(r.queryParameters(), clock.instant()));
            return ApiResponse.json(200, api.json().write(CallJson.stats(report)));
        });
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        stats.report("priming-tenant-that-does-not-exist", CallStatsQuery.parse(Map.of("interval", "day"), clock.instant()));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
