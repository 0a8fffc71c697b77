package io.outcall.bridge.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /health} (200 when the bridge can work, 503 when not) and {@code GET /metrics} (Prometheus). */
public final class HealthServer implements AutoCloseable {

    /** What /health reports. */
    public record Health(boolean amiConnected, boolean queueReachable, long lastEventAgeSeconds, int activeCalls,
                         long persistenceBacklog, boolean stopping) {
        boolean healthy() {
            return amiConnected && queueReachable && !stopping;
        }

        String json() {
            return "{\"status\":\"" + (healthy() ? "ok" : "unhealthy") + "\",\"amiConnected\":" + amiConnected
                    + ",\"queueReachable\":" + queueReachable + ",\"lastEventAgeSeconds\":" + lastEventAgeSeconds
                    + ",\"activeCalls\":" + activeCalls + ",\"persistenceBacklog\":" + persistenceBacklog
                    + ",\"stopping\":" + stopping + "}";
        }
    }

    private final HttpServer server;

    public HealthServer(int port, Supplier<Health> health, BridgeMetrics metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/health", exchange -> {
            Health h = health.get();
            respond(exchange, h.healthy() ? 200 : 503, "application/json", h.json());
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, metrics.contentType(), metrics.prometheus()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
