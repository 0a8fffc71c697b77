package io.outcall.core.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Sends one signed webhook request. */
public interface WebhookTransport {

    /**
     * @param statusCode 0 when no answer came (then {@code error} says why)
     * @param bodyStart  at most the first 4 KB of the answer
     */
    record Response(int statusCode, String bodyStart, String error) {
        public boolean succeeded() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    /** Never throws for the receiver's failures (refused, timed out, reset): they come back as a response with an error. */
    Response post(URI url, Map<String, String> headers, String body, Duration timeout);
}
