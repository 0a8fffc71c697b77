package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.intake.BatchCallIntake;
import io.outcall.core.intake.BatchItem;
import io.outcall.core.intake.BatchOutcome;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.IdempotencyKey;
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
import java.util.List;

/**
 * POST /calls/batch: up to 1,000 calls, {@code {"calls":[{...}, ...]}}, each as POST /calls takes
 * one. 200 with one result per call, in order ({@link BatchResultsView}); a bad call refuses only
 * itself. An {@code Idempotency-Key} names the batch: item i is retried under key + i.
 */
public final class MakeCallsHandler extends HttpFunction {

    /** 1,000 calls with a few variables each; Lambda takes 6 MB at most. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final BatchCallIntake intake;

    /** Used by the Lambda runtime: clients are built once here, before SnapStart's checkpoint. */
    public MakeCallsHandler() {
        this(IntakeWiring.fromEnvironment());
        registerForSnapStart();
    }

    public MakeCallsHandler(IntakeWiring wiring) {
        super(wiring.apiEvents(), Scope.CALLS);
        this.intake = wiring.batchIntake();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        JsonNode calls = BatchItemsJson.array(api.jsonBody(request, MAX_BODY_BYTES), "calls");
        String keyHeader = request.header("idempotency-key");
        if (keyHeader != null) {
            IdempotencyKey.ofHeader(tenantId, keyHeader); // refuses a malformed header before any item
        }
        List<BatchItem> items = BatchItemsJson.read(calls, "calls", CallRequestJson.FIELDS, (index, fields) ->
                BatchItem.of(CallRequestJson.read(fields),
                        keyHeader == null ? null : IdempotencyKey.ofBatchItem(tenantId, keyHeader, index), null));
        List<BatchOutcome> outcomes = intake.accept(tenantId, items);
        return ApiResponse.json(200, api.json().write(new BatchResultsView(outcomes, null)));
    }

    /** SnapStart priming: a batch of one for a tenant that does not exist, so nothing is written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        String event = """
                {"version":"2.0","routeKey":"POST /calls/batch","rawPath":"/calls/batch",
                 "headers":{"content-type":"application/json"},
                 "requestContext":{"http":{"method":"POST","path":"/calls/batch"},"requestId":"priming",
                 "authorizer":{"jwt":{"claims":{"%s":"priming-tenant-that-does-not-exist"}}}},
                 "body":"{\\"calls\\":[{\\"to\\":\\"+14045550100\\"}]}","isBase64Encoded":false}"""
                .formatted(api.tenantClaim());
        handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }
}
