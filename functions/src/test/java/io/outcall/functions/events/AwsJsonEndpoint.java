package io.outcall.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.outcall.core.json.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * An HTTP endpoint in the test JVM speaking AWS's JSON protocol (the {@code X-Amz-Target} header
 * names the operation, the body is its JSON input), so the real SDK clients for EventBridge and
 * Step Functions are exercised end to end: serialisation, error codes mapped to exceptions.
 */
final class AwsJsonEndpoint implements AutoCloseable {

    record Request(String target, String contentType, JsonNode body) {
    }

    /** What the endpoint answers: an HTTP status and a JSON body ({@code {"__type": "...", ...}} for an error). */
    record Answer(int status, String body) {
        static Answer ok(String body) {
            return new Answer(200, body);
        }

        static Answer error(String type, String message) {
            return new Answer(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    AwsJsonEndpoint(BiFunction<String, JsonNode, Answer> answers) throws IOException {
        Json json = Json.standard();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = json.read(exchange.getRequestBody().readAllBytes());
            requests.add(new Request(target, exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = answers.apply(target, body);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests(String target) {
        return requests.stream().filter(r -> target.equals(r.target())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
