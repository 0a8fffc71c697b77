package io.outcall.functions.calllog;

import io.outcall.core.call.CallStore;
import io.outcall.core.call.CancelResult;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;
import org.crac.Resource;

import java.time.Clock;

/**
 * POST /calls/{callId}/cancel: 200 when a queued call is canceled (it will never be dialed), 202
 * when a live call's bridge was asked to hang it up (it ends CANCELED shortly), 409 when the call
 * had already ended, 404 when the tenant has no such call. Asking again is harmless.
 */
public final class CancelCallHandler extends HttpFunction {

    private final CallStore calls;
    private final Clock clock;

    public CancelCallHandler() {
        this(ReadWiring.fromEnvironment());
        registerForSnapStart();
    }

    public CancelCallHandler(ReadWiring wiring) {
        super(wiring.apiEvents(), Scope.CALLS);
        this.calls = wiring.calls();
        this.clock = wiring.clock();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        String callId = GetCallHandler.callId(request);
        CancelResult result = calls.cancel(callId, tenantId, clock.instant());
        return switch (result.outcome()) {
            case CANCELED -> ApiResponse.json(200, api.json().write(CallJson.call(result.call())));
            case REQUESTED -> ApiResponse.json(202, api.json().write(CallJson.call(result.call())))
                    .withHeader("location", "/calls/" + callId);
            case ALREADY_FINAL -> throw new HttpProblemException(Problem.of(409, "call-finished", "Conflict",
                    "the call already ended " + result.call().status() + (result.call().endedAt() == null ? ""
                            : " at " + result.call().endedAt()) + "; there is nothing to cancel").withCallId(callId));
            case NOT_FOUND -> throw GetCallHandler.notFound(callId);
        };
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // A cancel of a call that does not exist: the consistent read every cancel starts with (the
        // client, its connection, the item mapping); it finds nothing, so nothing is written.
        calls.cancel("01JAAAAAAAAAAAAAAAAAAAAAAA", "priming-tenant-that-does-not-exist", clock.instant());
    }
}
