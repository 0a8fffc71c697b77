package io.outcall.functions.intake;

import io.outcall.core.intake.Accepted;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.IdempotencyKey;
import io.outcall.core.intake.IntakeRequest;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.validation.JsonFields;
import io.outcall.functions.InitBeside;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** POST /calls: the tenant of the verified token asks for a call; 202 with the queued call. */
public final class MakeCallHandler extends HttpFunction {

    private final CallIntake intake;

    /**
     * Used by the Lambda runtime: clients are built once here, before SnapStart's checkpoint, while
     * a second thread warms up the request's own code on a sample ({@link IntakeWarmUp}).
     */
    public MakeCallHandler() {
        this(InitBeside.run("make-call warm-up", IntakeWarmUp.steps(System.getenv()), IntakeWiring::fromEnvironment));
        registerForSnapStart();
    }

    public MakeCallHandler(IntakeWiring wiring) {
        super(wiring.apiEvents(), Scope.CALLS);
        this.intake = wiring.intake();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        CallRequest call = callRequest(api, request);
        String keyHeader = request.header("idempotency-key");
        IdempotencyKey key = keyHeader == null ? null : IdempotencyKey.ofHeader(tenantId, keyHeader);
        return response(api, intake.accept(new IntakeRequest(tenantId, call, key, null)));
    }

    /** The call the body asks for, before it is checked against the tenant. */
    static CallRequest callRequest(ApiEvents api, ApiRequest request) {
        JsonFields fields = new JsonFields(api.jsonBody(request), InvalidCallRequestException::new);
        fields.onlyKnown(CallRequestJson.FIELDS);
        CallRequest call = CallRequestJson.read(fields);
        if (!fields.violations().isEmpty()) {
            throw new InvalidCallRequestException(fields.violations());
        }
        return call;
    }

    /** 202 with the call, where it lives, and whether this answer replays an earlier one. */
    static ApiResponse response(ApiEvents api, Accepted accepted) {
        String body = api.json().write(CallView.of(accepted.call()));
        ApiResponse response = ApiResponse.json(202, body).withHeader("location", "/calls/" + accepted.call().callId());
        return accepted.replayed() ? response.withHeader("idempotent-replayed", "true") : response;
    }

    /**
     * SnapStart priming: the warm-up's steps, all of them (the init may have cut them short), then
     * one request through the whole read path (the DynamoDB client too) for a tenant that does not
     * exist, so nothing is written.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        IntakeWarmUp.steps(System.getenv()).forEach(Runnable::run);
        String event = IntakeWarmUp.event(api.tenantClaim(), "priming-tenant-that-does-not-exist", "priming");
        handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }
}
