package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.localaws.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The local stack for the console's browser tests: {@link ConsoleStackMain} in a child JVM with
 * the environment ./run-local sets, every port a free one, its data in memory; ready once the
 * front answers. Its output goes to {@code target/console-stack.log}.
 */
public final class ConsoleStack implements AutoCloseable {

    private static final Duration START_WITHIN = Duration.ofSeconds(120);

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private ConsoleStack(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    public static ConsoleStack start(Path state) throws IOException, InterruptedException {
        int front = Ports.free();
        int lambda = Ports.free();
        int dynamoDb = Ports.free();
        int sqs = Ports.free();
        int health = Ports.free();
        int simulator = Ports.free();
        int s3 = Ports.free();
        byte[] cursorKey = new byte[32];
        new SecureRandom().nextBytes(cursorKey);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ConsoleStackMain.class.getName(), String.valueOf(front), String.valueOf(lambda), String.valueOf(dynamoDb),
                String.valueOf(sqs), String.valueOf(health), String.valueOf(simulator), String.valueOf(s3), state.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "console-stack.log").toFile());
        Map<String, String> env = builder.environment();
        // As ./run-local sets them, on this stack's ports; nothing of a real provider or Asterisk.
        for (String inherited : List.of("JWT_JWKS_URL", "JWT_ISSUER", "JWT_AUDIENCE", "AMI_HOST", "CONSOLE_OIDC_ISSUER")) {
            env.remove(inherited);
        }
        env.putAll(Map.ofEntries(
                Map.entry("AWS_REGION", "us-east-1"), Map.entry("AWS_ACCESS_KEY_ID", "local"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "local"), Map.entry("CALLS_TABLE", "CallsTable"),
                Map.entry("TENANTS_TABLE", "TenantsTable"), Map.entry("IDEMPOTENCY_TABLE", "IdempotencyTable"),
                Map.entry("CALL_EVENTS_TABLE", "CallEventsTable"), Map.entry("CALL_STATS_TABLE", "CallStatsTable"),
                Map.entry("CURSOR_KEY", Base64.getEncoder().encodeToString(cursorKey)),
                Map.entry("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + dynamoDb), Map.entry("SQS_ENDPOINT", "http://127.0.0.1:" + sqs),
                Map.entry("ORIGINATE_QUEUE_URL", "http://127.0.0.1:" + sqs + "/000000000000/OriginateQueue"),
                Map.entry("WEBHOOKS_TABLE", "WebhooksTable"), Map.entry("WEBHOOK_DELIVERIES_TABLE", "WebhookDeliveriesTable"),
                Map.entry("WEBHOOK_QUEUE_URL", "http://127.0.0.1:" + sqs + "/000000000000/WebhookQueue"),
                Map.entry("WEBHOOK_ALLOW_HTTP", "true"), Map.entry("S3_ENDPOINT", "http://127.0.0.1:" + s3),
                Map.entry("AUDIO_BUCKET", "audiobucket"),
                // The simulator writes recorded calls here and the bridge uploads them to the local S3, as in ./run-local.
                Map.entry("RECORDING_SPOOL", state.resolve("recordings").toAbsolutePath().toString())));
        Files.createDirectories(Path.of("target"));
        ConsoleStack stack = new ConsoleStack(builder.start(), URI.create("http://127.0.0.1:" + front));
        try {
            stack.awaitFront();
        } catch (IOException | RuntimeException | InterruptedException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The front listens last, once everything behind it is up (as local/smoke-test waits for it). */
    private void awaitFront() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the console stack exited with " + process.exitValue() + "; see target/console-stack.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/console-config.json")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet: ask again shortly.
            }
            Thread.sleep(200);
        }
        throw new IOException("the console stack's front did not answer within " + START_WITHIN.toSeconds()
                + " s; see target/console-stack.log");
    }

    public URI base() {
        return base;
    }

    /** A token from the front's local sign-in, as the console gets one. */
    public String token(String tenant, String role) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(LocalTokenEndpoint.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + tenant + "\",\"role\":\"" + role + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST /local/token answered " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("token").asText();
    }

    /** An API request with a token, as a script would send it. */
    public HttpResponse<String> send(String method, String path, String token, String body) throws IOException, InterruptedException {
        return send(method, path, token, body, Map.of());
    }

    /** As {@link #send(String, String, String, String)}, with more headers (If-Match, another Content-Type). */
    public HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        // In memory: nothing to keep, so no graceful stop to wait for.
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
