package io.outcall.local;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An identity provider's JWKS endpoint on an ephemeral port that counts how often it is fetched,
 * so a test can say how often the front went back for keys. Publishes the public halves only.
 */
final class CountingJwks implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<byte[]> document = new AtomicReference<>();

    CountingJwks(RSAKey... keys) throws IOException {
        publish(keys);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext(LocalIssuer.JWKS_PATH, exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                byte[] body = document.get();
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    /** From now on the endpoint lists these keys (a rotation, as a provider does it). */
    void publish(RSAKey... keys) {
        document.set(new JWKSet(List.of(keys).stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + LocalIssuer.JWKS_PATH);
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
