package io.outcall.functions.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.events.WebhookVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant's webhook receiver in the test JVM: a real HTTP server on 127.0.0.1 whose paths behave
 * as a test asks (answer, fail, fail n times, hang, redirect), verifying every request's signature with
 * the endpoint's secret as a tenant would.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String path, String id, String body, boolean verified) {
    }

    enum Behaviour { OK, DOWN, FAIL_THREE_TIMES, HANG, REDIRECT }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, WebhookSecret> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Clock clock;

    WebhookReceiver(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A path that behaves so, verified with {@code secret}; returns its URL. */
    String path(String path, Behaviour behaviour, WebhookSecret secret) {
        behaviours.put(path, behaviour);
        secrets.put(path, secret);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on the path behaves so (a receiver coming back up, say). */
    void behave(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        boolean verified;
        try {
            WebhookSecret secret = secrets.get(path);
            new WebhookVerifier(secret, clock).verify(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body);
            verified = true;
        } catch (RuntimeException e) {
            verified = false;
        }
        received.add(new Received(path, headers.getFirst("webhook-id"), body, verified));
        int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        switch (behaviours.getOrDefault(path, Behaviour.OK)) {
            case OK -> answer(exchange, 204);
            case DOWN -> answer(exchange, 503);
            case FAIL_THREE_TIMES -> answer(exchange, call <= 3 ? 503 : 200);
            case REDIRECT -> {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                answer(exchange, 302);
            }
            case HANG -> {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
