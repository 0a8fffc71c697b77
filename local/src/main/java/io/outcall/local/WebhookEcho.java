package io.outcall.local;

import com.sun.net.httpserver.HttpServer;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.events.WebhookVerificationException;
import io.outcall.core.events.WebhookVerifier;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * {@code ./run-local webhook-echo}: a webhook receiver on 127.0.0.1 that checks each request's
 * Standard Webhooks signature and prints one line per delivery, so a newcomer sees a call's events
 * arrive. It answers 204 to a verified request and 401 to any other, as a tenant's receiver should.
 */
final class WebhookEcho implements AutoCloseable {

    static final int DEFAULT_PORT = 8090;
    static final String PATH = "/webhooks";

    private final HttpServer server;

    private WebhookEcho(HttpServer server) {
        this.server = server;
    }

    static WebhookEcho start(int port, WebhookSecret secret, Clock clock, PrintStream out) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        WebhookVerifier verifier = new WebhookVerifier(secret, clock);
        server.createContext(PATH, exchange -> {
            String body = new String(exchange.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            int status;
            try {
                verifier.verify(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), body);
                out.println("verified  " + headers.getFirst("webhook-id") + "  " + body);
                status = 204;
            } catch (WebhookVerificationException e) {
                out.println("REFUSED   " + headers.getFirst("webhook-id") + "  " + e.getMessage());
                status = 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return new WebhookEcho(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The echo's secret, made once per checkout in {@code .local} (owner-only), like the other local keys. */
    static WebhookSecret localSecret(Path state) throws IOException {
        Path file = state.resolve("webhook-echo.secret");
        if (!Files.exists(file)) {
            Files.createDirectories(state);
            Files.writeString(file, WebhookSecret.generate(new SecureRandom()).value());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return WebhookSecret.parse(Files.readString(file).trim());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
