package io.outcall.functions.intake;

import io.outcall.core.call.Call;
import io.outcall.core.dynamo.CallItems;
import io.outcall.core.intake.Accepted;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.intake.ValidatedCall;
import io.outcall.core.json.Json;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.RequestLog;
import io.outcall.functions.http.Scope;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The make-call request's own work, done once on a sample during init, beside the building of the
 * SDK clients: the event and body read with Jackson, the token's scope checked, the number checked
 * with libphonenumber (its classes and the sample's region metadata), the call's item, message,
 * answer and log line written, and the models of the three DynamoDB operations intake makes beyond
 * writing the call (the tenant's query, the do-not-call BatchGetItem, the caller-ID claim). On a
 * JVM that only interprets and compiles with C1, as Lambda starts it, loading and linking these
 * classes is most of what the first request adds to the clients' own first use. Nothing leaves the
 * process: no table, no queue, no log line. In steps, most useful first, for
 * {@link io.outcall.functions.InitBeside}; all of them again as SnapStart priming.
 */
final class IntakeWarmUp {

    private static final String TENANT = "warm-up-tenant";

    // Built by the steps, on the warm-up's thread: the runtime's thread only makes the list.
    private Json json;
    private ApiEvents api;
    private ApiRequest request;
    private Tenant tenant;
    private Did did;
    private ValidatedCall valid;
    private ApiResponse answer;

    private IntakeWarmUp() {
    }

    /**
     * The steps, each building on the one before; none when {@code MAKE_CALL_WARM_UP} is {@code off},
     * which only bench/cold-start sets, to measure the function without its warm-up.
     */
    static List<Runnable> steps(Map<String, String> env) {
        if ("off".equalsIgnoreCase(env.getOrDefault("MAKE_CALL_WARM_UP", "").strip())) {
            return List.of();
        }
        IntakeWarmUp sample = new IntakeWarmUp();
        return List.of(sample::readEvent, sample::validate, sample::answer, IntakeWarmUp::storeModels);
    }

    /** Every step in order; the sample's answer, which a test checks is the handler's 202. */
    static ApiResponse answerSample() {
        IntakeWarmUp sample = new IntakeWarmUp();
        sample.readEvent();
        sample.validate();
        sample.answer();
        storeModels();
        return sample.answer;
    }

    /** A {@code POST /calls} event as API Gateway sends it, the tenant in {@code tenantClaim}. */
    static String event(String tenantClaim, String tenantId, String requestId) {
        return """
                {"version":"2.0","routeKey":"POST /calls","rawPath":"/calls","headers":{"content-type":"application/json"},
                 "requestContext":{"http":{"method":"POST","path":"/calls"},"requestId":"%s",
                 "authorizer":{"jwt":{"claims":{"%s":"%s"}}}},
                 "body":"{\\"to\\":\\"+14045550100\\"}","isBase64Encoded":false}""".formatted(requestId, tenantClaim, tenantId);
    }

    private void readEvent() {
        json = Json.standard();
        api = new ApiEvents(json, "tenant_id",
                new RequestLog(json, new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()));
        try {
            request = api.read(new ByteArrayInputStream(event("tenant_id", TENANT, "warm-up").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("the sample event could not be read", e);
        }
        api.authorize(request, Scope.CALLS);
    }

    private void validate() {
        tenant = new Tenant(TENANT, "warm-up", "US", List.of("outbound"), "outbound", List.of());
        did = new Did(TENANT, "did-1", "+14045550199", null, true, null, 0);
        valid = new CallRequestValidator(new PhoneNumbers())
                .validate(MakeCallHandler.callRequest(api, request), tenant, List.of(did), Instant.now());
    }

    private void answer() {
        try {
            answer = api.requestLog().around("POST /calls", request.requestId(), logged -> {
                logged.tenant(api.tenant(request));
                Instant now = Clock.systemUTC().instant();
                Call call = Call.queued("warm-up-call", TENANT, valid.to(), did.number(), did.didId(),
                        did.callerName(), null, valid.context(), valid.variables(), valid.ringTimeoutSeconds(),
                        now, null, null).withCallerIdReason("least-recently-used")
                        .withTimelineExpiresAt(tenant.settings().timelineExpiresAt(now));
                CallItems.toItem(call);
                new OriginateMessageCodec(json).encode(OriginateMessage.forTenant(call, tenant.settings()));
                ApiResponse response = MakeCallHandler.response(api, new Accepted(call, false));
                logged.status(response.statusCode());
                return response;
            });
            api.write(answer, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("the sample answer could not be written", e);
        }
    }

    /**
     * The request and response classes of the DynamoDB operations intake makes beyond writing the
     * call: initialising each builds its table of fields and their accessors, dozens of lambdas,
     * once per class. Built as the stores build them; nothing is sent.
     */
    private static void storeModels() {
        Map<String, AttributeValue> key = Map.of("tenantId", AttributeValue.fromS(TENANT),
                "sk", AttributeValue.fromS("+14045550100"));
        QueryRequest.builder().tableName("warm-up").keyConditionExpression("tenantId = :t")
                .expressionAttributeValues(key).consistentRead(true).build();
        QueryResponse.builder().items(List.of(key)).build();
        BatchGetItemRequest.builder().requestItems(Map.of("warm-up",
                KeysAndAttributes.builder().keys(List.of(key)).consistentRead(true).build())).build();
        BatchGetItemResponse.builder().responses(Map.of("warm-up", List.of(key))).build();
        UpdateItemRequest.builder().tableName("warm-up").key(key).updateExpression("SET n = :n")
                .expressionAttributeValues(key).build();
        UpdateItemResponse.builder().build();
    }
}
