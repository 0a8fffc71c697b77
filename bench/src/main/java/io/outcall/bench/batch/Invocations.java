package io.outcall.bench.batch;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway HTTP API events for POST /calls and POST /calls/batch, handed to the handlers as the
 * Lambda runtime hands them (bytes in, bytes out), with every answer checked.
 */
final class Invocations {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

    private final String tenantId;

    Invocations(String tenantId) {
        this.tenantId = tenantId;
    }

    /** POST /calls for one number, with a retry key, as a careful client sends it; fails unless 202. */
    void makeCall(RequestStreamHandler handler, String to, String key) throws IOException {
        invoke(handler, "/calls", key, "{\\\"to\\\":\\\"" + to + "\\\"}", "202");
    }

    /**
     * POST /calls/batch for {@code numbers}, with a retry key for the batch; fails unless every
     * call was accepted.
     */
    void makeCalls(RequestStreamHandler handler, java.util.List<String> numbers, String key) throws IOException {
        StringBuilder body = new StringBuilder("{\\\"calls\\\":[");
        for (int i = 0; i < numbers.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\\\"to\\\":\\\"").append(numbers.get(i)).append("\\\"}");
        }
        String response = invoke(handler, "/calls/batch", key, body.append("]}").toString(), "200");
        if (!response.contains("\\\"refused\\\":0,")) {
            throw new IllegalStateException("the batch refused calls: " + response.substring(0, Math.min(600, response.length())));
        }
    }

    private String invoke(RequestStreamHandler handler, String path, String key, String escapedBody, String expected)
            throws IOException {
        String event = """
                {"version":"2.0","routeKey":"POST %s","rawPath":"%s",
                 "headers":{"content-type":"application/json","idempotency-key":"%s"},
                 "requestContext":{"http":{"method":"POST","path":"%s"},"requestId":"bench",
                 "authorizer":{"jwt":{"claims":{"tenant_id":"%s"}}}},
                 "body":"%s","isBase64Encoded":false}""".formatted(path, path, key, path, tenantId, escapedBody);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        String response = out.toString(StandardCharsets.UTF_8);
        Matcher status = STATUS.matcher(response);
        if (!status.find() || !status.group(1).equals(expected)) {
            throw new IllegalStateException(path + " answered " + response.substring(0, Math.min(600, response.length())));
        }
        return response;
    }
}
