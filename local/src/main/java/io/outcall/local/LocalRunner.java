package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.bridge.Bridge;
import io.outcall.bridge.BridgeConfig;
import io.outcall.bridge.dnc.BridgeDoNotCall;
import io.outcall.bridge.prompts.PromptSync;
import io.outcall.bridge.prompts.SoundsFolderSync;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalDynamoDb;
import io.outcall.localaws.LocalS3;
import io.outcall.localaws.LocalServices;
import io.outcall.localaws.LocalSqs;
import io.outcall.localaws.Ports;
import io.outcall.bridge.recordings.RecordingConfig;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local}: the whole system on this machine. DynamoDB Local and ElasticMQ with the
 * tables and queues of template.yaml, the functions behind an API Gateway-like front with JWT, the
 * bridge, and the PBX simulator unless {@code AMI_HOST} names a real Asterisk.
 */
public final class LocalRunner {

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage() + "\n\n" + LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LocalOptions.USAGE);
            return;
        }
        if (options.webhookEchoPort() != null) {
            runWebhookEcho(options.webhookEchoPort());
            return;
        }
        if (options.invoke() != null) {
            System.exit(InvokeCommand.run(LocalInvoker.onPort(options.lambdaPort()), options.invoke(), System.out, System.err));
        }
        Path state = Path.of(".local");
        Files.createDirectories(state);
        ObjectMapper json = new ObjectMapper();
        LocalAuth auth;
        try {
            auth = LocalAuth.fromEnvironment(LocalIssuer.fromState(state, Clock.systemUTC()), System.getenv());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        if (options.token() != null) {
            System.out.println(auth.token(options.token()));
            return;
        }
        try {
            run(options, state, auth, json, StackPorts.FIXED);
        } catch (Exception e) {
            // What started keeps non-daemon threads (DynamoDB Local, ElasticMQ): exit, do not linger.
            System.err.println("run-local: the start failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Starts everything on {@code ports} and runs until the JVM is asked to stop. */
    /** Where the local bridge writes prompts: SOUNDS_DIR (a real Asterisk's sounds folder on this host), else .local/sounds. */
    static Path soundsFolder(Path state) {
        String sounds = System.getenv("SOUNDS_DIR");
        return sounds == null || sounds.isBlank() ? state.resolve("sounds") : Path.of(sounds);
    }

    static void run(LocalOptions options, Path state, LocalAuth auth, ObjectMapper json, StackPorts ports) throws Exception {
        try (FileChannel lockFile = FileChannel.open(state.resolve("run-local.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                fail("run-local is already running from this folder; stop it (Ctrl-C in its terminal) first");
            }
            boolean realAsterisk = System.getenv("AMI_HOST") != null && !System.getenv("AMI_HOST").isBlank();
            checkPortsFree(options, ports, realAsterisk);
            requireEnvironment();

            List<AutoCloseable> running = new ArrayList<>();
            LocalDynamoDb dynamoDb = LocalDynamoDb.start(ports.dynamoDb(), options.inMemory() ? null : state.resolve("dynamodb"));
            running.add(dynamoDb);
            LocalSqs sqs = LocalSqs.start(ports.sqs());
            running.add(sqs);
            LocalS3 s3 = LocalS3.start(ports.s3(), options.inMemory() ? null : state.resolve("s3"));
            running.add(s3);
            CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
            LocalServices aws = LocalServices.start(dynamoDb, sqs, s3, template);
            if (!s3.endpoint().toString().equals(System.getenv("S3_ENDPOINT"))
                    || !aws.bucketName("AudioBucket").equals(System.getenv("AUDIO_BUCKET"))) {
                fail("S3_ENDPOINT and AUDIO_BUCKET are " + System.getenv("S3_ENDPOINT") + " and " + System.getenv("AUDIO_BUCKET")
                        + " but the local S3 is " + s3.endpoint() + " with bucket " + aws.bucketName("AudioBucket")
                        + "; start through ./run-local, which sets them");
            }
            String queueUrl = aws.queueUrl("OriginateQueue");
            if (!queueUrl.equals(System.getenv("ORIGINATE_QUEUE_URL"))) {
                fail("ORIGINATE_QUEUE_URL is " + System.getenv("ORIGINATE_QUEUE_URL") + " but ElasticMQ made " + queueUrl
                        + "; start through ./run-local, which sets it");
            }
            DemoTenant.seed(aws.dynamoDb(), "TenantsTable");
            DemoWebhook.seed(new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable"),
                    WebhookEcho.localSecret(state), Instant.now());

            PbxSimulator simulator = null;
            if (!realAsterisk) {
                simulator = PbxSimulator.start(SimulatorConfig.builder().port(ports.simulator()).username("admin")
                        .secret("admin_password").recordingSpool(Path.of(System.getenv().getOrDefault("RECORDING_SPOOL",
                                BridgeEnvironment.LOCAL_SPOOL.toString()))).build());
                running.add(simulator);
            }
            BridgeEnvironment bridgeEnvironment = BridgeEnvironment.of(System.getenv(), queueUrl,
                    dynamoDb.endpoint().toString(), sqs.endpoint().toString(), ports.simulator(), ports.health(), realAsterisk);
            // --no-bridge: the bridge runs as its own process (printed below), e.g. one a crash soak kills.
            Bridge bridge = options.noBridge() ? null
                    : Bridge.onDynamoDb(BridgeConfig.fromEnvironment(bridgeEnvironment.over(System.getenv())), aws.dynamoDb(),
                    aws.sqs(), 4, RecordingConfig.fromEnvironment(bridgeEnvironment.over(System.getenv())), aws.s3(),
                    BridgeDoNotCall.tableFromEnvironment(bridgeEnvironment.over(System.getenv())));
            if (bridge != null) {
                bridge.start();
                // The bridge's host keeps the ready prompts in its sounds folder (SOUNDS_DIR, else .local/sounds).
                running.add(new PromptSync(new SoundsFolderSync(aws.s3(), aws.bucketName("AudioBucket"),
                        soundsFolder(state)), Duration.ofSeconds(2)).start());
            }

            // One instance of each handler, whichever way it is reached, as in one Lambda execution environment.
            FunctionHandlers handlers = new FunctionHandlers(json);
            InvokeApi invokeApi = new InvokeApi(options.lambdaPort(), InvokeApi.functionsOf(template, handlers::handler), json);
            running.add(invokeApi);
            JwksEndpoint localKeys = auth.localKeys();
            if (localKeys != null) {
                running.add(localKeys);
            }
            // Started last: once its port listens, everything behind it is up (local/smoke-test waits for it).
            // The web console answers what no API route does; its local sign-in only with the local issuer.
            ConsoleSite console = new ConsoleSite(LocalRunner.class.getClassLoader(),
                    ConsoleConfig.fromEnvironment(System.getenv(), auth.tenantClaim(), auth.scopeClaim()),
                    localKeys == null ? null : new LocalTokenEndpoint(auth, json, Clock.systemUTC()));
            HttpFront front = new HttpFront(options.port(), HttpFront.routesOf(template, handlers::handler),
                    auth.authorizer(localKeys, Clock.systemUTC()), json, template.file().resolveSibling("openapi.yaml"), console);
            running.add(front);
            // EventBridge's part: the template's scheduled functions (the queued-call sweeper) run at their rate.
            running.add(LocalSchedules.start(template, handlers::handler, Clock.systemUTC()));
            // Lambda's event source mappings: the calls table's stream to the publisher, the webhook queue to the
            // sender; and S3's notifications: a prompt uploaded to the audio bucket to its conversion.
            running.add(LocalEventSources.start(LocalEventSources.mappingsOf(template, handlers::handler), aws,
                    LocalAws.dynamoDbStreams(dynamoDb.endpoint()), json));

            printWelcome(options, ports, front, invokeApi, auth.token(TokenGrant.calls(DemoTenant.ID)), localKeys, realAsterisk,
                    bridgeEnvironment);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                if (bridge != null) {
                    System.out.println("\nstopping: the bridge finishes calls in flight (up to 10 s), then everything closes");
                    bridge.stop(Duration.ofSeconds(10));
                }
                for (int i = running.size() - 1; i >= 0; i--) {
                    try {
                        running.get(i).close();
                    } catch (Exception e) {
                        System.err.println("closing " + running.get(i).getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
                System.out.println("stopped");
                stopped.countDown();
            }));
            stopped.await();
        }
    }

    private static void checkPortsFree(LocalOptions options, StackPorts stack, boolean realAsterisk) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(options.port(), "the API (change it with --port)");
        ports.put(options.lambdaPort(), "the Lambda Invoke API (change it with --lambda-port)");
        ports.put(stack.dynamoDb(), "DynamoDB Local");
        ports.put(stack.sqs(), "ElasticMQ");
        ports.put(stack.s3(), "the local S3 (s3proxy)");
        if (!options.noBridge()) {
            ports.put(stack.health(), "the bridge's health port");
        }
        if (!realAsterisk) {
            ports.put(stack.simulator(), "the PBX simulator");
        }
        ports.forEach((port, what) -> {
            if (Ports.inUse(port)) {
                fail("port " + port + " (" + what + ") is already in use: is another run-local, DynamoDB Local,"
                        + " ElasticMQ or Asterisk running? Stop it, or free the port");
            }
        });
    }

    /** The functions read these exactly as in Lambda; ./run-local sets them. */
    private static void requireEnvironment() {
        for (String name : List.of("AWS_REGION", "CALLS_TABLE", "TENANTS_TABLE", "IDEMPOTENCY_TABLE",
                "CALL_EVENTS_TABLE", "CALL_STATS_TABLE", "CURSOR_KEY", "ORIGINATE_QUEUE_URL", "DYNAMODB_ENDPOINT", "SQS_ENDPOINT",
                "WEBHOOKS_TABLE", "WEBHOOK_DELIVERIES_TABLE", "WEBHOOK_QUEUE_URL", "S3_ENDPOINT", "AUDIO_BUCKET")) {
            if (System.getenv(name) == null) {
                fail(name + " is not set; start the system with ./run-local, which sets it");
            }
        }
    }

    private static void printWelcome(LocalOptions options, StackPorts ports, HttpFront front, InvokeApi invokeApi, String token,
                                     JwksEndpoint localKeys, boolean realAsterisk, BridgeEnvironment bridge) {
        String api = "http://127.0.0.1:" + front.port();
        String lambda = "http://127.0.0.1:" + invokeApi.port();
        System.out.println();
        System.out.println("outcall is running locally");
        System.out.printf("  Web console                  %s/   sign in as a tenant; API reference at %s/docs%n", api, api);
        System.out.printf("  API (API Gateway-like, JWT)  %s   /calls, /calls/{id}, /calls/stats, /calls/{id}/cancel%n", api);
        System.out.printf("  Lambda Invoke API            %s   %s%n", lambda, String.join(", ", invokeApi.functionNames()));
        System.out.printf("  DynamoDB Local               http://127.0.0.1:%d   %s%n", ports.dynamoDb(),
                options.inMemory() ? "in memory" : "data in .local/dynamodb (--in-memory to discard)");
        System.out.printf("  ElasticMQ (SQS)              http://127.0.0.1:%d   queue OriginateQueue%n", ports.sqs());
        System.out.printf("  S3 (s3proxy)                 http://127.0.0.1:%d   bucket audiobucket, %s%n", ports.s3(),
                options.inMemory() ? "in memory" : "objects in .local/s3");
        System.out.printf("  Asterisk                     %s%n", realAsterisk
                ? "real Asterisk at " + bridge.variables().get("AMI_HOST") + ":" + bridge.variables().get("AMI_PORT") + " (AMI_HOST)"
                : "PBX simulator on 127.0.0.1:" + ports.simulator() + " (set AMI_HOST, AMI_PORT, AMI_USER, AMI_PASSWORD for a real one)");
        if (options.noBridge()) {
            System.out.println("  Bridge                       not started (--no-bridge); run it as its own process, from this folder:");
            System.out.println(bridge.shellLines());
            System.out.println("  (build it first if needed: ./mvnw -B -ntp -pl ami-bridge -am package -DskipTests)");
        } else {
            System.out.printf("  Bridge health, metrics       http://127.0.0.1:%s/health  /metrics%n",
                    bridge.variables().get("HEALTH_PORT"));
            System.out.printf("  Prompts for Asterisk         %s/outcall/<tenant>/<name>.wav (SOUNDS_DIR), in step every 2 s%n",
                    soundsFolder(Path.of(".local")));
        }
        System.out.println("  Scheduled functions          the queued-call sweeper, every minute (one JSON line a run)");
        System.out.println("  Token keys (JWKS)            " + (localKeys == null ? System.getenv("JWT_JWKS_URL") + " (JWT_JWKS_URL)"
                : localKeys.url() + "   the local issuer's, key pair in .local/jwt-rs256.jwk"));
        System.out.println();
        System.out.println("Demo tenant \"demo\": caller-IDs +14045550100, +14045550101; contexts DynamicIVR, Hold.");
        System.out.println("Token for tenant demo, scope outcall/calls (12 h; others: ./run-local token --tenant T [--admin] [--platform]):");
        System.out.println("  export TOKEN=" + token);
        System.out.println("Place a call (last digit: 1 answers, 2 busy, 3 no answer, 4 congestion, 5 far end hangs up, 7/8 rejected):");
        System.out.println("  curl -sS -X POST " + api + "/calls -H \"Authorization: Bearer $TOKEN\""
                + " -H 'Content-Type: application/json' -d '{\"to\":\"+17065551231\"}'");
        System.out.println("Follow it, list calls, see statistics, cancel one:");
        System.out.println("  curl -sS " + api + "/calls/CALL_ID -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("  curl -sS '" + api + "/calls?limit=10' -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("  curl -sS '" + api + "/calls/stats?interval=hour' -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("  curl -sS -X POST " + api + "/calls/CALL_ID/cancel -H \"Authorization: Bearer $TOKEN\"");
        String port = invokeApi.port() == LocalOptions.DEFAULT_LAMBDA_PORT ? "" : " --lambda-port " + invokeApi.port();
        System.out.println("A journey step, through Lambda's Invoke API (or: aws lambda invoke --endpoint-url " + lambda + " ...):");
        System.out.println("  ./run-local invoke JourneyMakeCallFunction" + port + " --payload '{\"tenantId\":\"demo\",\"journeyId\":\"j-1\","
                + "\"executionId\":\"e-1\",\"stepId\":\"call\",\"to\":\"+17065551231\"}'");
        System.out.println("  ./run-local invoke JourneyCallStatusFunction" + port
                + " --payload '{\"tenantId\":\"demo\",\"callId\":\"CALL_ID\"}'");
        System.out.println("Webhooks: every status change of the demo tenant's calls is signed and sent to"
                + " http://127.0.0.1:" + WebhookEcho.DEFAULT_PORT + WebhookEcho.PATH + "; see them arrive with:");
        System.out.println("  ./run-local webhook-echo        (in another terminal)");
        System.out.println("Each call state change is logged below. Ctrl-C stops everything.");
        System.out.println();
    }

    /** {@code ./run-local webhook-echo}: the echo receiver alone, until Ctrl-C. */
    private static void runWebhookEcho(int port) throws Exception {
        if (Ports.inUse(port)) {
            fail("port " + port + " is already in use: is a webhook echo running? Or choose --echo-port N");
        }
        try (WebhookEcho echo = WebhookEcho.start(port, WebhookEcho.localSecret(Path.of(".local")), Clock.systemUTC(),
                System.out)) {
            System.out.println("webhook echo on http://127.0.0.1:" + echo.port() + WebhookEcho.PATH
                    + ": one line per delivery, verified with .local/webhook-echo.secret; Ctrl-C stops it");
            new CountDownLatch(1).await();
        }
    }

    private static void fail(String message) {
        System.err.println("run-local: " + message);
        System.exit(1);
    }
}
