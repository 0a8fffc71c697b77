package io.outcall.functions.calllog;

import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.CallStatsQuery;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

import java.time.Clock;
import java.util.Map;

/** GET /calls/stats: the tenant's figures per hour or day and in total, read from counters. */
public final class CallStatsHandler extends HttpFunction {

    private final CallStats stats;
    private final Clock clock;

    public CallStatsHandler() {
        this(ReadWiring.fromEnvironment());
        registerForSnapStart();
    }

    public CallStatsHandler(ReadWiring wiring) {
        super(wiring.apiEvents(), Scope.CALLS);
        this.stats = wiring.stats();
        this.clock = wiring.clock();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        CallStats.Report report = stats.report(tenantId, CallStatsQuery.parse(request.queryParameters(), clock.instant()));
        return ApiResponse.json(200, api.json().write(CallJson.stats(report)));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        stats.report("priming-tenant-that-does-not-exist", CallStatsQuery.parse(Map.of("interval", "day"), clock.instant()));
    }
}
