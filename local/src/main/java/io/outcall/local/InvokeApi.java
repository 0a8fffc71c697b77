package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outcall.localaws.CloudFormationTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Lambda's Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations}), as
 * {@code sam local start-lambda} serves it, for the functions of template.yaml that no HttpApi
 * route reaches (the journey steps, the sweeper): the AWS SDK's LambdaClient and the AWS CLI work
 * against it with an endpoint override. {@code RequestResponse} answers the function's result,
 * {@code Event} runs it in the background (202), {@code DryRun} only checks (204). A function's
 * exception is a 200 with {@code X-Amz-Function-Error: Unhandled} and the Java runtime's error body.
 */
final class InvokeApi implements AutoCloseable {

    /** Lambda's payload quotas (Invoke API reference): 6 MB in and out when synchronous, 1 MB for Event. */
    static final int SYNC_LIMIT = 6 * 1024 * 1024;
    static final int ASYNC_LIMIT = 1024 * 1024;
    private static final Pattern INVOCATIONS = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    record Invocable(String name, RequestStreamHandler handler) {
    }

    private final HttpServer server;
    private final Map<String, Invocable> functions = new LinkedHashMap<>();
    private final ObjectMapper json;
    private final ExecutorService requests = Executors.newFixedThreadPool(8);
    private final ExecutorService events = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("invoke-event-", 0)
            .daemon(true).factory());

    InvokeApi(int port, List<Invocable> functions, ObjectMapper json) throws IOException {
        functions.forEach(f -> this.functions.put(f.name(), f));
        this.json = json;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(requests);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Every function of the template that neither an HttpApi route nor a stream or queue feeds, its handler made by {@code handlers}. */
    static List<Invocable> functionsOf(CloudFormationTemplate template, java.util.function.Function<String, RequestStreamHandler> handlers) {
        return TemplateFunction.all(template).stream().filter(f -> !f.routed() && !f.fedByEventSource())
                .map(f -> new Invocable(f.name(), handlers.apply(f.handlerClass()))).toList();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<String> functionNames() {
        return List.copyOf(functions.keySet());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            try {
                invoke(exchange, requestId);
            } catch (InvokeException e) {
                // The SDK reads the error type from this header and the message from the body.
                exchange.getResponseHeaders().set("x-amzn-ErrorType", e.errorType());
                HttpFront.write(exchange, e.status(), Map.of("content-type", "application/json"),
                        json.writeValueAsBytes(Map.of("Type", "User", "message", e.getMessage())));
                System.out.println(Instant.now() + " invoke " + exchange.getRequestURI().getRawPath() + " -> " + e.status()
                        + " " + e.errorType());
            }
        } catch (RuntimeException e) {
            System.err.println("local invoke API: " + e);
        }
    }

    private void invoke(HttpExchange exchange, String requestId) throws IOException {
        Matcher path = INVOCATIONS.matcher(exchange.getRequestURI().getRawPath());
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            throw new InvokeException(404, "UnknownOperationException", "this endpoint serves only Lambda's Invoke:"
                    + " POST /2015-03-31/functions/{FunctionName}/invocations");
        }
        InvokeTarget target = InvokeTarget.parse(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8),
                queryParameter(exchange, "Qualifier"));
        Invocable function = functions.get(target.name());
        if (function == null || !target.latest()) {
            throw new InvokeException(404, "ResourceNotFoundException", "Function not found: " + target.qualifiedArn());
        }
        String asked = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        String type = asked == null ? "RequestResponse" : asked;
        if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
            throw new InvokeException(400, "ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [RequestResponse, Event, DryRun]");
        }
        byte[] payload = payload(exchange, type);
        Map<String, String> headers = Map.of("X-Amz-Executed-Version", InvokeTarget.LATEST);
        switch (type) {
            case "DryRun" -> HttpFront.write(exchange, 204, headers, new byte[0]);
            case "Event" -> {
                events.execute(() -> {
                    Outcome outcome = run(function, payload, requestId);
                    log(function, type, outcome.error() == null ? "ran" : "failed: " + outcome.error().errorType()
                            + ": " + outcome.error().errorMessage());
                });
                HttpFront.write(exchange, 202, Map.of(), new byte[0]);
                log(function, type, "202, queued");
            }
            default -> {
                Outcome outcome = run(function, payload, requestId);
                Map<String, String> answer = new LinkedHashMap<>(headers);
                answer.put("content-type", "application/json");
                if (outcome.error() != null) {
                    answer.put("X-Amz-Function-Error", "Unhandled");
                }
                HttpFront.write(exchange, 200, answer,
                        outcome.error() == null ? outcome.result() : json.writeValueAsBytes(outcome.error()));
                log(function, type, outcome.error() == null ? "200"
                        : "200, Unhandled " + outcome.error().errorType() + ": " + outcome.error().errorMessage());
            }
        }
    }

    /** The function's result, or its error as Lambda reports it; exactly one is null. */
    private record Outcome(byte[] result, FunctionError error) {
    }

    private Outcome run(Invocable function, byte[] payload, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            function.handler().handleRequest(new ByteArrayInputStream(payload), out, new LocalContext(function.name(), requestId));
        } catch (Exception | LinkageError | AssertionError e) {
            return new Outcome(null, FunctionError.of(e));
        }
        if (out.size() > SYNC_LIMIT) {
            return new Outcome(null, FunctionError.responseTooLarge(SYNC_LIMIT));
        }
        return new Outcome(out.toByteArray(), null);
    }

    /** The request body within Lambda's quota for {@code type}, and JSON as Lambda requires. */
    private byte[] payload(HttpExchange exchange, String type) throws IOException {
        byte[] payload = exchange.getRequestBody().readNBytes(SYNC_LIMIT + 1);
        if (payload.length > SYNC_LIMIT) {
            throw new InvokeException(413, "RequestTooLargeException",
                    "Request must be smaller than " + SYNC_LIMIT + " bytes for the InvokeFunction operation");
        }
        if ("Event".equals(type) && payload.length > ASYNC_LIMIT) {
            throw new InvokeException(413, "RequestTooLargeException", payload.length
                    + " byte payload is too large for the Event invocation type (limit " + ASYNC_LIMIT + " bytes)");
        }
        if (payload.length > 0) {
            try {
                json.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new InvokeException(400, "InvalidRequestContentException",
                        "Could not parse request body into json: " + e.getOriginalMessage());
            }
        }
        return payload;
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name) && kv.length == 2) {
                    return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static void log(Invocable function, String type, String outcome) {
        System.out.println(Instant.now() + " invoke " + function.name() + " (" + type + ") -> " + outcome);
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdown();
        events.shutdown();
    }
}
