package io.outcall.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child side of {@code bench/cold-start}: what the Lambda runtime does in a fresh execution
 * environment, and nothing more. It loads the handler class named by its first argument (the
 * make-call function, or {@link BareHandler}, the floor it is compared with), builds it through its no-arg
 * constructor (the Init phase), hands it one API Gateway HTTP API 2.0 event for {@code POST /calls}
 * (the first Invoke) and prints how long that took from the JVM's start.
 *
 * <p>It runs on a class path of the functions' shaded jar plus a jar holding only this package, so
 * nothing but what Lambda would load is loaded. Every measurement is taken before
 * anything for reporting (java.lang.management, regex) is touched, so reporting costs nothing.
 *
 * <p>Arguments: {@code HANDLER_CLASS TENANT REQUEST_ID}. Output, one line on stdout: {@code COLD-START jvm_to_response_ms=.. jvm_to_main_ms=..
 * init_ms=.. invoke_ms=.. status=202}. Anything other than a 202 exits 1 with the response.
 */
public final class ColdStartRunner {

    /** The function measured. */
    public static final String MAKE_CALL_HANDLER = "io.outcall.functions.intake.MakeCallHandler";
    /**
     * Its floor, {@link BareHandler}, by name: the benchmark's JVM must not load it (the Lambda types
     * it implements are only on the children's class path).
     */
    public static final String BARE_HANDLER = "io.outcall.bench.coldstart.child.BareHandler";

    private ColdStartRunner() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        String handlerClass = args.length > 0 ? args[0] : MAKE_CALL_HANDLER;
        String tenantId = args.length > 1 ? args[1] : "bench-tenant";
        String requestId = args.length > 2 ? args[2] : "cold-start";
        String claim = System.getenv().getOrDefault("TENANT_CLAIM", "tenant_id");

        // Init: what the runtime does with the function's Handler setting.
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
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
}
