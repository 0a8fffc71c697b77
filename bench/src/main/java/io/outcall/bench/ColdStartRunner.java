package io.outcall.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child side of {@code bench/cold-start}: what the Lambda runtime does in a fresh execution
 * environment, and nothing more. It loads the handler class by name, builds it through its no-arg
 * constructor (the Init phase), hands it one API Gateway HTTP API 2.0 event for {@code POST /calls}
 * (the first Invoke) and prints how long that took from the JVM's start.
 *
 * <p>It runs on a class path of the functions' shaded jar plus a jar holding only this class and its
 * nested one, so nothing but what Lambda would load is loaded. Every measurement is taken before
 * anything for reporting (java.lang.management, regex) is touched, so reporting costs nothing.
 *
 * <p>Output, one line on stdout: {@code COLD-START jvm_to_response_ms=.. jvm_to_main_ms=..
 * init_ms=.. invoke_ms=.. status=202}. Anything other than a 202 exits 1 with the response.
 */
public final class ColdStartRunner {

    static final String HANDLER = "io.outcall.functions.intake.MakeCallHandler";

    private ColdStartRunner() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        String tenantId = args.length > 0 ? args[0] : "bench-tenant";
        String requestId = args.length > 1 ? args[1] : "cold-start";
        String claim = System.getenv().getOrDefault("TENANT_CLAIM", "tenant_id");

        // Init: what the runtime does with the function's Handler setting.
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(HANDLER).getDeclaredConstructor().newInstance();
        long constructedNanos = System.nanoTime();

        // First invoke: the event as API Gateway (HTTP API, payload 2.0, JWT authorizer) sends it.
        String event = """
                {"version":"2.0","routeKey":"POST /calls","rawPath":"/calls","rawQueryString":"",
                 "headers":{"accept":"*/*","content-length":"21","content-type":"application/json",
                  "host":"api.example.com","user-agent":"curl/8.5.0","x-forwarded-proto":"https"},
                 "requestContext":{"accountId":"000000000000","apiId":"bench","domainName":"api.example.com",
                  "domainPrefix":"api","http":{"method":"POST","path":"/calls","protocol":"HTTP/1.1",
                  "sourceIp":"192.0.2.10","userAgent":"curl/8.5.0"},"requestId":"%s","routeKey":"POST /calls",
                  "stage":"$default","time":"24/Nov/2026:05:00:00 +0000","timeEpoch":1795500000000,
                  "authorizer":{"jwt":{"claims":{"%s":"%s","sub":"bench-user"},"scopes":null}}},
                 "body":"{\\"to\\":\\"+14045550123\\"}","isBase64Encoded":false}"""
                .formatted(requestId, claim, tenantId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new InvokeContext(requestId));
        long respondedAt = System.currentTimeMillis();
        long respondedNanos = System.nanoTime();

        // Reporting only from here on.
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String response = out.toString(StandardCharsets.UTF_8);
        Matcher status = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)").matcher(response);
        if (!status.find() || !status.group(1).equals("202")) {
            System.err.println("COLD-START FAILED: expected statusCode 202, the handler answered: " + response);
            System.exit(1);
        }
        Matcher location = Pattern.compile("\"location\"\\s*:\\s*\"([^\"]*)\"").matcher(response);
        System.out.printf("COLD-START jvm_to_response_ms=%d jvm_to_main_ms=%d init_ms=%d invoke_ms=%d status=202 location=%s%n",
                respondedAt - jvmStart, mainAt - jvmStart,
                (constructedNanos - mainNanos) / 1_000_000, (respondedNanos - constructedNanos) / 1_000_000,
                location.find() ? location.group(1) : "?");
        System.out.flush();
        // Like the runtime's process being frozen: nothing the SDK left running keeps us alive.
        System.exit(0);
    }

    /** The few things a Context says; the handler reads none of them today. */
    static final class InvokeContext implements Context {
        private final String requestId;

        InvokeContext(String requestId) {
            this.requestId = requestId;
        }

        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/MakeCallFunction"; }
        @Override public String getLogStreamName() { return "cold-start"; }
        @Override public String getFunctionName() { return "MakeCallFunction"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:MakeCallFunction";
        }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 15_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return new StdoutLogger(); }
    }

    /** Lambda sends a function's log lines to CloudWatch; here they go to stdout. */
    static final class StdoutLogger implements LambdaLogger {
        @Override public void log(String message) { System.out.print(message); }
        @Override public void log(byte[] message) { System.out.write(message, 0, message.length); }
    }
}
