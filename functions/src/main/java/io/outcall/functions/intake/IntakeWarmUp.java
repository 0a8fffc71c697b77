package io.outcall.functions.intake;

import io.outcall.core.call.Call;
import io.outcall.core.dynamo.CallItems;
import io.outcall.core.intake.Accepted;
import io.outcall.core.intake.CallRequest;
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
import java.util.List;

/**
 * The make-call request's own work, done once on a sample during init, beside the building of the
 * SDK clients: the event and body read with Jackson, the number checked with libphonenumber (its
 * classes and the sample's region metadata), the call's item, message, answer and log line
 * written. On a JVM that only interprets and compiles with C1, as Lambda starts it, loading and
 * linking these classes is most of what the first request would otherwise add to the clients' own
 * first use. Nothing leaves the process: no table, no queue, no log line.
 */
final class IntakeWarmUp {

    private static final String CLAIM = "tenant_id";
    private static final String SAMPLE_EVENT = """
            {"version":"2.0","routeKey":"POST /calls","rawPath":"/calls",
             "headers":{"content-type":"application/json"},
             "requestContext":{"http":{"method":"POST","path":"/calls"},"requestId":"warm-up",
              "authorizer":{"jwt":{"claims":{"tenant_id":"warm-up-tenant"}}}},
             "body":"{\\"to\\":\\"+14045550100\\"}","isBase64Encoded":false}""";
    private static final Tenant TENANT = new Tenant("warm-up-tenant", "warm-up", "US", List.of("outbound"),
            "outbound", List.of());
    private static final Did DID = new Did("warm-up-tenant", "did-1", "+14045550199", null, true, null, 0);

    private IntakeWarmUp() {
    }

    static void run() {
        answerSample();
        tenantStoreModels();
    }

    /** The sample request's answer, which the warm-up itself does not need: a test checks it is a 202. */
    static ApiResponse answerSample() {
        try {
            Json json = Json.standard();
            ApiEvents api = new ApiEvents(json, CLAIM,
                    new RequestLog(json, new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()));
            ApiRequest request = api.read(new ByteArrayInputStream(SAMPLE_EVENT.getBytes(StandardCharsets.UTF_8)));
            CallRequestValidator validator = new CallRequestValidator(new PhoneNumbers());
            ApiResponse response = api.requestLog().around("POST /calls", request.requestId(), logged -> {
                logged.tenant(api.tenant(request));
                CallRequest asked = MakeCallHandler.callRequest(api, request);
                ValidatedCall valid = validator.validate(asked, TENANT, List.of(DID));
                Call call = Call.queued("warm-up-call", TENANT.tenantId(), valid.to(), DID.number(), DID.didId(),
                        DID.callerName(), null, valid.context(), valid.variables(), valid.ringTimeoutSeconds(),
                        Clock.systemUTC().instant(), null, null);
                CallItems.toItem(call);
                new OriginateMessageCodec(json).encode(OriginateMessage.of(call));
                return MakeCallHandler.response(api, new Accepted(call, false));
            });
            api.write(response, OutputStream.nullOutputStream());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("the sample request could not be read or written", e);
        }
    }

    /**
     * The request and response classes of the two DynamoDB operations intake makes beyond writing
     * the call (the tenant's query, the caller-ID claim): initialising each builds its table of
     * fields and their accessors, dozens of lambdas, once per class. Nothing is sent.
     */
    private static void tenantStoreModels() {
        QueryRequest.builder().build();
        QueryResponse.builder().build();
        UpdateItemRequest.builder().build();
        UpdateItemResponse.builder().build();
    }
}
