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
 * written, the models of the tenant store's two DynamoDB operations. On a JVM that only
 * interprets and compiles with C1, as Lambda starts it, loading and linking these classes is most
 * of what the first request adds to the clients' own first use. Nothing leaves the process: no
 * table, no queue, no log line. In steps, most useful first, for {@link io.outcall.functions.InitBeside}.
 */
final class IntakeWarmUp {

    private static final String SAMPLE_EVENT = """
            {"version":"2.0","routeKey":"POST /calls","rawPath":"/calls",
             "headers":{"content-type":"application/json"},
             "requestContext":{"http":{"method":"POST","path":"/calls"},"requestId":"warm-up",
              "authorizer":{"jwt":{"claims":{"tenant_id":"warm-up-tenant"}}}},
             "body":"{\\"to\\":\\"+14045550100\\"}","isBase64Encoded":false}""";
    private static final String TENANT = "warm-up-tenant";

    // Built by the steps, on the warm-up's thread: the runtime's thread only makes the list.
    private Json json;
    private ApiEvents api;
    private ApiRequest request;
    private Did did;
    private ValidatedCall valid;
    private ApiResponse answer;

    private IntakeWarmUp() {
    }

    /** The steps, each building on the one before. */
    static List<Runnable> steps() {
        IntakeWarmUp sample = new IntakeWarmUp();
        return List.of(sample::readEvent, sample::validate, sample::answer, IntakeWarmUp::tenantStoreModels);
    }

    /** Every step in order; the sample's answer, which a test checks is the handler's 202. */
    static ApiResponse answerSample() {
        IntakeWarmUp sample = new IntakeWarmUp();
        sample.readEvent();
        sample.validate();
        sample.answer();
        tenantStoreModels();
        return sample.answer;
    }

    private void readEvent() {
        json = Json.standard();
        api = new ApiEvents(json, "tenant_id",
                new RequestLog(json, new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()));
        try {
            request = api.read(new ByteArrayInputStream(SAMPLE_EVENT.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("the sample event could not be read", e);
        }
    }

    private void validate() {
        Tenant tenant = new Tenant(TENANT, "warm-up", "US", List.of("outbound"), "outbound", List.of());
        did = new Did(TENANT, "did-1", "+14045550199", null, true, null, 0);
        valid = new CallRequestValidator(new PhoneNumbers())
                .validate(MakeCallHandler.callRequest(api, request), tenant, List.of(did));
    }

    private void answer() {
        try {
            answer = api.requestLog().around("POST /calls", request.requestId(), logged -> {
                logged.tenant(api.tenant(request));
                Call call = Call.queued("warm-up-call", TENANT, valid.to(), did.number(), did.didId(),
                        did.callerName(), null, valid.context(), valid.variables(), valid.ringTimeoutSeconds(),
                        Clock.systemUTC().instant(), null, null);
                CallItems.toItem(call);
                new OriginateMessageCodec(json).encode(OriginateMessage.of(call));
                return MakeCallHandler.response(api, new Accepted(call, false));
            });
            api.write(answer, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("the sample answer could not be written", e);
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
