package io.outcall.bench.batch;

import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.http.RequestLog;
import io.outcall.functions.intake.MakeCallHandler;
import io.outcall.functions.intake.MakeCallsHandler;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk intake, one by one against batched: the same number of calls through POST /calls (one
 * invocation each, as a journey reaching 20,000 contacts makes today) and through POST /calls/batch
 * (1,000 to an invocation), in one JVM, against DynamoDB Local and ElasticMQ, every request to them
 * counted. Both send a retry key, as a client that can retry must. Prints both and their ratios.
 */
public final class BatchIntakeBenchmark {

    static final String TENANT = "bulk";

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(option(args, "--calls", "20000"));
        int batch = Integer.parseInt(option(args, "--batch", "1000"));
        RequestCounter counter = new RequestCounter();
        try (LocalServices local = LocalServices.startInMemory()) {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(local.dynamoDbServer().endpoint())
                    .region(LocalAws.REGION).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
            SqsClient sqs = SqsClient.builder().endpointOverride(local.sqsServer().endpoint())
                    .region(LocalAws.REGION).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
            seed(local.dynamoDb());
            FunctionConfig config = new FunctionConfig(LocalAws.REGION, "CallsTable", "TenantsTable", "IdempotencyTable",
                    "CallEventsTable", "CallStatsTable", local.queueUrl("OriginateQueue"), "tenant_id", null, null, null);
            IntakeWiring wiring = IntakeWiring.of(config, dynamoDb, sqs);
            // One log line per invocation would be 20,000 lines on the terminal; the work is the same.
            wiring = wiring.withRequestLog(new RequestLog(wiring.json(), new PrintStream(OutputStream.nullOutputStream()),
                    Clock.systemUTC()));
            MakeCallHandler single = new MakeCallHandler(wiring);
            MakeCallsHandler batched = new MakeCallsHandler(wiring);
            Invocations invoke = new Invocations(TENANT);

            System.out.printf("batch-intake: %,d calls one by one, then %,d batches of %,d (tenant with 4 caller-IDs)%n",
                    calls, (calls + batch - 1) / batch, batch);
            warmUp(invoke, single, batched, batch);
            IntakeRun one = singles(invoke, single, counter, calls);
            System.out.println(one.line());
            IntakeRun many = batches(invoke, batched, counter, calls, batch);
            System.out.println(many.line());

            double speedup = many.callsPerSecond() / one.callsPerSecond();
            double ratio = many.requestsPerCall() / one.requestsPerCall();
            System.out.printf("speedup %.1fx (goal >= 5); requests per call %.4f of single (goal <= 0.1)%n", speedup, ratio);
            System.out.printf("batch-intake single_calls_per_s=%.0f batch_calls_per_s=%.0f speedup=%.1f "
                            + "single_requests_per_call=%.3f batch_requests_per_call=%.3f request_ratio=%.4f%n",
                    one.callsPerSecond(), many.callsPerSecond(), speedup, one.requestsPerCall(), many.requestsPerCall(),
                    ratio);
        }
    }

    /** The JIT and both servers warmed on each path first, so neither run pays for the other's start. */
    private static void warmUp(Invocations invoke, MakeCallHandler single, MakeCallsHandler batched, int batch)
            throws Exception {
        for (int i = 0; i < 1_000; i++) {
            invoke.makeCall(single, number(900_000 + i), "warm-single-" + i);
        }
        for (int b = 0; b < 3; b++) {
            invoke.makeCalls(batched, numbers(910_000 + b * batch, batch), "warm-batch-" + b);
        }
    }

    private static IntakeRun singles(Invocations invoke, MakeCallHandler handler, RequestCounter counter, int calls)
            throws Exception {
        RequestCounter.Reading before = counter.read();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            invoke.makeCall(handler, number(i), "single-" + i);
        }
        return new IntakeRun("single", calls, System.nanoTime() - start, counter.read().since(before));
    }

    private static IntakeRun batches(Invocations invoke, MakeCallsHandler handler, RequestCounter counter, int calls,
                                     int batch) throws Exception {
        RequestCounter.Reading before = counter.read();
        long start = System.nanoTime();
        for (int from = 0; from < calls; from += batch) {
            invoke.makeCalls(handler, numbers(100_000 + from, Math.min(batch, calls - from)), "batch-" + from);
        }
        return new IntakeRun("batched", calls, System.nanoTime() - start, counter.read().since(before));
    }

    private static void seed(DynamoDbClient uncounted) {
        DynamoTenantStore tenants = new DynamoTenantStore(uncounted, "TenantsTable");
        tenants.put(new Tenant(TENANT, "Bulk Ltd", "US", List.of("DynamicIVR"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 1))));
        for (int i = 0; i < 4; i++) {
            tenants.put(new Did(TENANT, "did-" + i, "+1404555010" + i, "Bulk", true, null, 0));
        }
    }

    private static List<String> numbers(int from, int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(number(from + i));
        }
        return numbers;
    }

    /** Distinct valid US numbers: area code 706, exchange 2xx-9xx. */
    private static String number(int i) {
        return "+1706" + (2_000_000 + i);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
