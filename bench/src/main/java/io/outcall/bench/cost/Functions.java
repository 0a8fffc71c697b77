package io.outcall.bench.cost;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.calllog.GetCallHandler;
import io.outcall.functions.intake.MakeCallHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two functions a call meets, invoked as the Lambda runtime does (an API Gateway HTTP API
 * event in, the response out), each invocation counted with its duration rounded up to the
 * millisecond, as Lambda bills it.
 */
final class Functions {

    static final String TENANT = CostTenant.ID;

    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final Pattern LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"/calls/([^\"]*)\"");

    private final MakeCallHandler makeCall;
    private final GetCallHandler getCall;

    Functions(IntakeWiring intake, ReadWiring reads) {
        this.makeCall = new MakeCallHandler(intake);
        this.getCall = new GetCallHandler(reads);
    }

    /** POST /calls for {@code to}; the new call's id. */
    String makeCall(String to, Tally tally) throws IOException {
        return makeCall(to, "{}", tally);
    }

    /** POST /calls for {@code to} with {@code variables} (a JSON object; escaped here into the event's body). */
    String makeCall(String to, String variables, Tally tally) throws IOException {
        String event = """
                {"version":"2.0","routeKey":"POST /calls","rawPath":"/calls",
                 "headers":{"content-type":"application/json"},
                 "requestContext":{"http":{"method":"POST","path":"/calls"},"requestId":"cost",
                 "authorizer":{"jwt":{"claims":{"tenant_id":"%s"}}}},
                 "body":"{\\"to\\":\\"%s\\",\\"ringTimeoutSeconds\\":5,\\"variables\\":%s}","isBase64Encoded":false}"""
                .formatted(TENANT, to, variables.replace("\"", "\\\""));
        String response = invoke("MakeCallFunction", makeCall, event, tally, "202");
        Matcher location = LOCATION.matcher(response);
        if (!location.find()) {
            throw new IllegalStateException("POST /calls answered without a location: " + response);
        }
        return location.group(1);
    }

    /** GET /calls/{callId} with its timeline: what a reader of the call log asks. */
    void getCall(String callId, Tally tally) throws IOException {
        String event = """
                {"version":"2.0","routeKey":"GET /calls/{callId}","rawPath":"/calls/%1$s","headers":{},
                 "pathParameters":{"callId":"%1$s"},
                 "requestContext":{"http":{"method":"GET","path":"/calls/%1$s"},"requestId":"cost",
                 "authorizer":{"jwt":{"claims":{"tenant_id":"%2$s"}}}},"isBase64Encoded":false}"""
                .formatted(callId, TENANT);
        invoke("GetCallFunction", getCall, event, tally, "200");
    }

    private static String invoke(String function, RequestStreamHandler handler, String event, Tally tally,
                                 String expectedStatus) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        long nanos = System.nanoTime() - start;
        String response = out.toString(StandardCharsets.UTF_8);
        Matcher status = STATUS.matcher(response);
        if (!status.find() || !status.group(1).equals(expectedStatus)) {
            throw new IllegalStateException(function + " answered other than " + expectedStatus + ": " + response);
        }
        tally.add(Tally.INVOCATIONS + function, 1);
        tally.add(Tally.LAMBDA_MS, Math.ceil(nanos / 1e6));
        tally.add(Tally.API_REQUESTS, 1);
        return response;
    }
}
