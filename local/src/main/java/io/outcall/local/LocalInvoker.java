package io.outcall.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls the local Lambda Invoke API over plain HTTP, as the AWS SDK would: what
 * {@code ./run-local invoke} and the smoke test use, so neither needs the SDK's Lambda client.
 */
final class LocalInvoker {

    /**
     * @param functionError {@code X-Amz-Function-Error} (Unhandled) when the function threw, else null
     * @param errorType     {@code x-amzn-ErrorType} when Lambda refused the request (e.g. ResourceNotFoundException), else null
     */
    record Result(int status, String functionError, String errorType, String body) {
        boolean succeeded() {
            return status / 100 == 2 && functionError == null;
        }
    }

    /** Nothing listens on the endpoint: ./run-local is not running there. */
    static final class NotRunningException extends IOException {
        NotRunningException(URI endpoint, Throwable cause) {
            super("nothing answers at " + endpoint + ": is ./run-local running? (--lambda-port N if it serves another port)",
                    cause);
        }
    }

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LocalInvoker(URI endpoint) {
        this.endpoint = endpoint;
    }

    static LocalInvoker onPort(int port) {
        return new LocalInvoker(URI.create("http://127.0.0.1:" + port));
    }

    Result invoke(String function, String payload, String invocationType) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/"
                        + URLEncoder.encode(function, StandardCharsets.UTF_8) + "/invocations"))
                .timeout(Duration.ofSeconds(60))
                .header("X-Amz-Invocation-Type", invocationType)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new NotRunningException(endpoint, e);
        }
        return new Result(response.statusCode(), response.headers().firstValue("X-Amz-Function-Error").orElse(null),
                response.headers().firstValue("x-amzn-ErrorType").orElse(null), response.body());
    }
}
