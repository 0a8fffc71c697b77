package io.outcall.bench.cost;

import io.outcall.bridge.Bridge;
import io.outcall.bridge.BridgeConfig;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.call.Call;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.ReadWiring;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a call costs to run: each simulated outcome goes through the local stack (POST /calls
 * through the real MakeCallHandler, the real bridge dialing the PBX simulator and writing through
 * its DynamoDB sink) with every SDK client counted by a {@link CostMeter}; then GET /calls/{callId}
 * reads it back once, counted apart. Calls run one at a time, so everything the clients do while a
 * call is under way (but for background polls) is that call's. See bench/README.md.
 */
public final class CostBenchmark {

    /** The simulator's outcomes, by the dialed number's last digit (README, "Running locally"). */
    static final Map<String, Integer> OUTCOMES = outcomes();

    private static Map<String, Integer> outcomes() {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put("answered", 1);
        outcomes.put("busy", 2);
        outcomes.put("no answer", 3);
        outcomes.put("congestion", 4);
        outcomes.put("far end hangs up", 5);
        outcomes.put("unallocated", 7);
        outcomes.put("rejected", 8);
        return outcomes;
    }

    private CostBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the servers' threads would keep the JVM up
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int callsPerOutcome = intOption(args, "--calls", 3);
        double timeScale = Double.parseDouble(option(args, "--time-scale", "0.05"));
        CostMeter meter = new CostMeter();
        Prices prices = Prices.usEast1();
        try (LocalServices local = LocalServices.startInMemory();
             PbxSimulator pbx = PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(timeScale)
                     .writeTimeout(Duration.ofSeconds(1)).build())) {
            DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(local.dynamoDbServer().endpoint())
                    .region(LocalAws.REGION).credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
            SqsClient sqs = SqsClient.builder().endpointOverride(local.sqsServer().endpoint())
                    .region(LocalAws.REGION).credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
            String queueUrl = local.queueUrl("OriginateQueue");
            FunctionConfig functions = new FunctionConfig(LocalAws.REGION, "CallsTable", "TenantsTable",
                    "IdempotencyTable", "CallEventsTable", "CallStatsTable", queueUrl, "tenant_id", null, null, null);
            CostTenant.seed(local.dynamoDb());
            BridgeConfig config = new BridgeConfig("127.0.0.1", pbx.port(), "admin", "admin_password", queueUrl,
                    "CallsTable", "CallEventsTable", "CallStatsTable", LocalAws.REGION, local.dynamoDbServer().endpoint(),
                    local.sqsServer().endpoint(), "Local/{number}@outbound", 500, 5_000, 500, 5_000, 0, "cost-bridge",
                    Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5));
            DynamoCallStore calls = new DynamoCallStore(dynamoDb, "CallsTable", "CallStatsTable");
            BridgeMetrics metrics = new BridgeMetrics();
            DynamoCallSink sink = new DynamoCallSink(calls, new DynamoCallEventStore(dynamoDb, "CallEventsTable"), metrics, 4);
            Bridge bridge = new Bridge(config, calls, sink, Bridge.DEFAULT_BACKLOG_HIGH_WATER, sqs, metrics, Clock.systemUTC());
            bridge.start();
            try {
                CallRunner runner = new CallRunner(new Functions(IntakeWiring.of(functions, dynamoDb, sqs),
                        ReadWiring.of(functions, dynamoDb)), meter, bridge, sink,
                        new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable"), local.dynamoDb(),
                        local.sqs(), queueUrl);
                System.out.printf("bench/cost: %d call(s) per outcome through MakeCallHandler, the bridge (4 writer lanes)"
                        + " and the PBX simulator (time scale %s); DynamoDB Local and ElasticMQ in this JVM%n",
                        callsPerOutcome, timeScale);
                // Warm-up, uncounted: the first call pays class loading and JIT in the handler's duration.
                for (int digit : OUTCOMES.values()) {
                    runner.run(digit, new Tally(), new Tally());
                }
                List<OutcomeCost> results = new ArrayList<>();
                for (Map.Entry<String, Integer> outcome : OUTCOMES.entrySet()) {
                    Tally call = new Tally();
                    Tally read = new Tally();
                    List<Call> finals = new ArrayList<>();
                    for (int i = 0; i < callsPerOutcome; i++) {
                        finals.add(runner.run(outcome.getValue(), call, read));
                    }
                    results.add(new OutcomeCost(outcome.getKey(), outcome.getValue(), finals, call, read));
                }
                // About the largest call a tenant may ask for (a body stops at 16 KB): 15 variables of
                // 1,024 characters, carried by the call's item through every status step.
                Tally large = new Tally();
                List<Call> largeCalls = new ArrayList<>();
                for (int i = 0; i < callsPerOutcome; i++) {
                    largeCalls.add(runner.run(1, largestVariables(), large, new Tally()));
                }
                new CostReport(prices, callsPerOutcome).print(results, meter.background(),
                        new OutcomeCost("1, 15 KB variables", 1, largeCalls, large, new Tally()));
            } finally {
                bridge.stop(Duration.ofSeconds(5));
            }
        }
    }

    /** One outcome's calls: what they cost together, and what reading each back once cost. */
    record OutcomeCost(String name, int digit, List<Call> calls, Tally call, Tally read) {
    }

    private static String largestVariables() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 15; i++) {
            json.append(i == 0 ? "" : ",").append("\"V").append(i).append("\":\"").append("x".repeat(1_024)).append('"');
        }
        return json.append('}').toString();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, Integer.toString(fallback)));
    }
}
