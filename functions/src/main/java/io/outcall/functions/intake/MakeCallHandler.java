package io.outcall.functions.intake;

import io.outcall.core.intake.Accepted;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.IdempotencyKey;
import io.outcall.core.intake.IntakeRequest;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.validation.JsonFields;
import io.outcall.functions.IntakeWiring;
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

    /** Used by the Lambda runtime: clients are built once here, before SnapStart's checkpoint. */
    public MakeCallHandler() {
        this(IntakeWiring.fromEnvironment());
        registerForSnapStart();
    }

    public MakeCallHandler(IntakeWiring wiring) {
        super(wiring.apiEvents(), Scope.CALLS);
        this.intake = wiring.intake();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        JsonFields fields = new JsonFields(api.jsonBody(request), InvalidCallRequestException::new);
        fields.onlyKnown(CallRequestJson.FIELDS);
        CallRequest call = CallRequestJson.read(fields);
        if (!fields.violations().isEmpty()) {
            throw new InvalidCallRequestException(fields.violations());
        }
        String keyHeader = request.header("idempotency-key");
        IdempotencyKey key = keyHeader == null ? null : IdempotencyKey.ofHeader(tenantId, keyHeader);
        Accepted accepted = intake.accept(new IntakeRequest(tenantId, call, key, null));
        String body = api.json().write(CallView.of(accepted.call()));
        ApiResponse response = ApiResponse.json(202, body).withHeader("location", "/calls/" + accepted.call().callId());
        return accepted.replayed() ? response.withHeader("idempotent-replayed", "true") : response;
    }

    /**
     * SnapStart priming: one request through the whole read path (event parsing, JSON, validation
     * tables, the DynamoDB client) for a tenant that does not exist, so nothing is written.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        String event = """
                {"version":"2.0","routeKey":"POST /calls","rawPath":"/calls","headers":{"content-type":"application/json"},
                 "requestContext":{"http":{"method":"POST","path":"/calls"},"requestId":"priming",
                 "authorizer":{"jwt":{"claims":{"%s":"priming-tenant-that-does-not-exist"}}}},
                 "body":"{\\"to\\":\\"+14045550100\\"}","isBase64Encoded":false}""".formatted(api.tenantClaim());
        handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }
}
