package io.outcall.core.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK's HTTP client, never following redirects (a 3xx is a failed attempt: a redirect could
 * point anywhere, the guard checked only the URL), reading at most 4 KB of any answer, and the
 * whole exchange, body included, bounded by the timeout.
 */
public final class JdkWebhookTransport implements WebhookTransport {

    public static final int MAX_ANSWER_BYTES = 4096;

    private final HttpClient client;

    public JdkWebhookTransport() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    JdkWebhookTransport(HttpClient client) {
        this.client = client;
    }

    @Override
    public Response post(URI url, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "outcall-webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        // The answer's stream, so a receiver that stops sending mid-body is cut off at the timeout too.
        AtomicReference<InputStream> answer = new AtomicReference<>();
        CompletableFuture<Response> exchange = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    answer.set(response.body());
                    return firstBytes(response);
                });
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            closeQuietly(answer.get());
            return new Response(0, "", "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return new Response(0, "", "no answer within " + timeout.toSeconds() + " s");
            }
            return new Response(0, "", cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            return new Response(0, "", "interrupted");
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing only frees the connection; the attempt has already failed.
            }
        }
    }

    private static Response firstBytes(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] start = in.readNBytes(MAX_ANSWER_BYTES);
            return new Response(response.statusCode(), new String(start, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Response(response.statusCode(), "", "answer unreadable: " + e.getMessage());
        }
    }
}
