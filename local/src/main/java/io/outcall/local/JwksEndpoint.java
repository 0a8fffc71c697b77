package io.outcall.local;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The local issuer's JWKS at {@code http://127.0.0.1:PORT/.well-known/jwks.json}, on a free port
 * of its own: the front fetches it like any provider's, and its request threads, all of which may
 * be waiting on that fetch, never have to serve it themselves.
 */
final class JwksEndpoint implements AutoCloseable {

    static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    /** @param document the JWKS as served at each fetch (a provider rotates by publishing another) */
    JwksEndpoint(Supplier<String> document) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** How often the keys were fetched: what the front's cache and rate limit save. */
    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
