package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.tenant.Tenant;
import io.outcall.local.lambdajar.LambdaJarRunner;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.FunctionEnvironment;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar SAM uploads serves requests. {@code functions/target/functions.jar} relocates our
 * jackson-core onto the AWS SDK's shaded package and leaves the SDK's own copy out, so the SDK, our
 * code and jackson-databind share one jackson-core; the unit tests run on the thin class path and
 * never load that jar. Here the jar alone (and {@link LambdaJarRunner}) is a child JVM's class path,
 * its environment is what template.yaml gives the functions, pointed at DynamoDB Local and ElasticMQ,
 * and the handlers template.yaml routes to place a call (SDK calls to both services), read it back,
 * merge-patch the tenant (databind trees) and refuse a bad number (the problem JSON). A class the
 * shading lost, or left where nothing looks for it, fails one of these with the child's stack trace.
 */
class LambdaJarTest {

    /** The routes served here; the child gets the variables of the functions behind them. */
    private static final Set<String> ROUTES = Set.of("POST /calls", "GET /calls/{callId}", "GET /tenant", "PATCH /tenant");
    private static final long ANSWER_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> JSON_BODY = Map.of("content-type", "application/json");

    @TempDir
    static Path work;
    private static Path jar;
    private static List<HttpFront.Route> routes;
    private static LocalServices local;
    private static LambdaJvm child;

    @BeforeAll
    static void start() throws IOException {
        CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
        jar = template.file().resolveSibling("functions/target/functions.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build the functions module first (./mvnw -B -ntp -pl"
                + " functions -am package -DskipTests); ./mvnw verify packages it before this module's tests run");
        routes = HttpFront.routesOf(template, className -> null);
        local = LocalServices.startInMemory();
        DemoTenant.seed(local.dynamoDb(), "TenantsTable");
        child = LambdaJvm.start(jar, work, environment(template));
    }

    @AfterAll
    static void stop() throws Exception {
        // The child first, then the services it talks to; either is null when start() failed before it.
        try {
            if (child != null) {
                child.close();
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    @Test
    void theJarHoldsOneJacksonCoreOnTheSdksPackage() throws IOException {
        try (JarFile shaded = new JarFile(jar.toFile())) {
            assertEquals(List.of(), shaded.stream().map(ZipEntry::getName).filter(n -> n.startsWith("com/fasterxml/jackson/core/"))
                    .limit(5).toList(), jar + " holds jackson-core under its own package: functions/pom.xml's relocation did not apply");
            assertNotNull(shaded.getEntry("software/amazon/awssdk/thirdparty/jackson/core/JsonFactory.class"),
                    jar + " has no jackson-core on the SDK's package: neither the relocated copy nor the SDK's own");
        }
    }

    @Test
    void aCallPlacedThroughTheJarIsRecordedQueuedAndReadBack() {
        Answer placed = child.ask(request("POST", "/calls", JSON_BODY, "{\"to\":\"+14045550123\"}"));
        assertEquals(202, placed.status(), child.about(placed));
        String callId = placed.text("/callId");
        assertEquals(List.of("/calls/" + callId, "QUEUED", "+14045550123"),
                List.of(placed.headers().get("location"), placed.text("/status"), placed.text("/to")), child.about(placed));

        Call recorded = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable").find(callId)
                .orElseThrow(() -> new AssertionError("the jar answered 202 but CallsTable has no call " + callId));
        assertEquals(List.of(DemoTenant.ID, "+14045550123", CallStatus.QUEUED), List.of(recorded.tenantId(), recorded.to(), recorded.status()));
        OriginateMessageCodec codec = new OriginateMessageCodec(Json.standard());
        List<String> queued = local.sqs().receiveMessage(b -> b.queueUrl(local.queueUrl("OriginateQueue")).maxNumberOfMessages(10))
                .messages().stream().map(m -> codec.decode(m.body()).callId()).toList();
        assertTrue(queued.contains(callId), "OriginateQueue holds no message for call " + callId + ": " + queued);

        Answer read = child.ask(request("GET", "/calls/" + callId, Map.of(), null));
        assertEquals(200, read.status(), child.about(read));
        assertEquals(List.of(callId, "QUEUED", "+14045550123"), List.of(read.text("/callId"), read.text("/status"),
                read.text("/to")), child.about(read));
    }

    @Test
    void aMergePatchOfTheTenantIsAppliedByTheJar() {
        Answer before = child.ask(request("GET", "/tenant", Map.of(), null));
        assertEquals(200, before.status(), child.about(before));
        Answer patched = child.ask(request("PATCH", "/tenant", Map.of("content-type", "application/merge-patch+json",
                "if-match", before.headers().get("etag")), "{\"name\":\"Demo Renamed\",\"ringTimeoutSeconds\":25}"));
        assertEquals(200, patched.status(), child.about(patched));
        assertEquals(List.of("Demo Renamed", "25"), List.of(patched.text("/name"), patched.text("/ringTimeoutSeconds")),
                child.about(patched));
        assertEquals(before.body().path("allowedContexts"), patched.body().path("allowedContexts"), "a merge patch keeps what it does not name");

        Tenant stored = new DynamoTenantAdminStore(local.dynamoDb(), "TenantsTable").find(DemoTenant.ID).orElseThrow();
        assertEquals(List.of("Demo Renamed", 25), List.of(stored.name(), stored.settings().ringTimeoutSeconds()),
                "TenantsTable after the patch");
        assertEquals("\"" + stored.version() + "\"", patched.headers().get("etag"), child.about(patched));
    }

    @Test
    void aBadNumberIsRefusedWithAProblemNamingTheField() {
        Answer refused = child.ask(request("POST", "/calls", JSON_BODY, "{\"to\":\"not-a-number\"}"));
        assertEquals(400, refused.status(), child.about(refused));
        assertEquals("application/problem+json", refused.headers().get("content-type"), child.about(refused));
        assertEquals("to", refused.text("/errors/0/field"), child.about(refused));
    }

    /**
     * The event API Gateway's HTTP API (payload 2.0) sends the function template.yaml routes this
     * request to, with the claims its JWT authorizer verified: the demo tenant's admin.
     */
    private static Request request(String method, String path, Map<String, String> headers, String body) {
        HttpFront.Route route = routes.stream().filter(r -> r.method().equals(method) && r.pattern().matcher(path).matches())
                .findFirst().orElseThrow(() -> new AssertionError("template.yaml routes no " + method + " " + path));
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", route.routeKey())
                .put("rawPath", path).put("rawQueryString", "");
        ObjectNode headerNode = event.putObject("headers").put("host", "api.example.com");
        headers.forEach(headerNode::put);
        Matcher values = route.pattern().matcher(path);
        if (values.matches() && !route.parameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            for (int i = 0; i < route.parameters().size(); i++) {
                parameters.put(route.parameters().get(i), values.group(i + 1));
            }
        }
        ObjectNode context = event.putObject("requestContext").put("accountId", "000000000000").put("apiId", "lambda-jar")
                .put("requestId", UUID.randomUUID().toString()).put("routeKey", route.routeKey()).put("stage", "$default");
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1").put("sourceIp", "192.0.2.10");
        ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
        jwt.putObject("claims").put("tenant_id", DemoTenant.ID).put("sub", "lambda-jar-test").put("scope", "outcall/calls outcall/admin");
        jwt.putNull("scopes");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return new Request(route.handlerClass(), route.routeKey(), event);
    }

    /** What Lambda gives the functions behind {@link #ROUTES}, pointed at DynamoDB Local and ElasticMQ. */
    private static Map<String, String> environment(CloudFormationTemplate template) {
        Set<String> handlers = routes.stream().filter(r -> ROUTES.contains(r.routeKey())).map(HttpFront.Route::handlerClass)
                .collect(Collectors.toSet());
        List<String> functions = template.resourcesOfType("AWS::Serverless::Function").entrySet().stream()
                .filter(f -> handlers.contains(((String) f.getValue().get("Handler")).split("::")[0]))
                .map(Map.Entry::getKey).toList();
        return FunctionEnvironment.of(local, template, functions);
    }

    record Request(String handlerClass, String routeKey, ObjectNode event) {
    }

    /** A handler's payload 2.0 response: status, headers, and the body read as JSON. */
    record Answer(String line, int status, Map<String, String> headers, JsonNode body) {
        static Answer of(String line) throws IOException {
            JsonNode response = JSON.readTree(line);
            Map<String, String> headers = new TreeMap<>();
            response.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            String body = response.path("body").asText("");
            return new Answer(line, response.path("statusCode").asInt(), headers, body.isEmpty() ? JSON.missingNode() : JSON.readTree(body));
        }

        String text(String pointer) {
            return body.at(pointer).asText();
        }
    }

    /** The child JVM: {@link LambdaJarRunner} on the shaded jar, one request line in, one answer line out. */
    record LambdaJvm(Process process, Writer requests, BufferedReader answers, Path errFile) implements AutoCloseable {

        static LambdaJvm start(Path jar, Path work, Map<String, String> environment) throws IOException {
            // Only the runner's own class files beside the jar: a reference to anything else fails in the child.
            Path runner = Files.createDirectories(work.resolve("runner"));
            Path dir = Files.createDirectories(runner.resolve(LambdaJarRunner.class.getPackageName().replace('.', '/')));
            for (String file : List.of("LambdaJarRunner.class", "LambdaJarRunner$Invocation.class")) {
                try (InputStream in = LambdaJarRunner.class.getResourceAsStream(file)) {
                    assertNotNull(in, "the test's classes have no " + file);
                    Files.copy(in, dir.resolve(file));
                }
            }
            Path errFile = work.resolve("child.err");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar + File.pathSeparator + runner, LambdaJarRunner.class.getName()).redirectError(errFile.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new LambdaJvm(process, new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), errFile);
        }

        /** Sends one request and waits (at most {@link #ANSWER_SECONDS}) for its answer; a child that fails says why. */
        synchronized Answer ask(Request request) {
            String what = request.routeKey() + " through " + request.handlerClass() + " in the child JVM";
            if (!process.isAlive()) {
                throw new AssertionError(what + ": the child had ended (exit " + process.exitValue() + ")" + stderr());
            }
            try {
                requests.write(request.handlerClass() + " " + JSON.writeValueAsString(request.event()) + "\n");
                requests.flush();
                String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return answers.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).get(ANSWER_SECONDS, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError(what + ": the child ended without answering (exit " + process.waitFor() + ")" + stderr());
                }
                // A failure a function survives (a class its init's warm-up misses) is logged at WARN or ERROR.
                if (Files.readString(errFile).matches("(?s).*\"level\":\"(WARN|ERROR)\".*")) {
                    throw new AssertionError(what + ": the function logged a warning" + stderr());
                }
                return Answer.of(line);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError(what + ": no answer within " + ANSWER_SECONDS + " s" + stderr());
            } catch (Exception e) {
                throw new AssertionError(what + ": " + e + stderr(), e);
            }
        }

        /** For an assertion's message: the answer and what the child wrote on stderr. */
        Supplier<String> about(Answer answer) {
            return () -> "the handler answered " + answer.line() + stderr();
        }

        String stderr() {
            try {
                return "\nchild JVM's stderr (" + errFile + "):\n" + Files.readString(errFile);
            } catch (IOException e) {
                return "\n(child JVM's stderr unreadable: " + e + ")";
            }
        }

        /** End of its stdin ends the runner; a child that hangs is killed. */
        @Override
        public void close() throws InterruptedException {
            try {
                requests.close();
            } catch (IOException ended) {
                // The child had ended already; the test it failed says how.
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
