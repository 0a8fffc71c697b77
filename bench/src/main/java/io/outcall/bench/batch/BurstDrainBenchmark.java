package io.outcall.bench.batch;

import io.outcall.bridge.Bridge;
import io.outcall.bridge.BridgeConfig;
import io.outcall.bridge.health.BridgeMetrics;
import io.outcall.bridge.store.DynamoCallSink;
import io.outcall.core.dynamo.DynamoCallEventStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.http.RequestLog;
import io.outcall.functions.intake.MakeCallsHandler;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import io.outcall.pbxsim.OriginateGate;
import io.outcall.pbxsim.PbxSimulator;
import io.outcall.pbxsim.SimulatorConfig;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue side of a burst: 20,000 calls accepted through POST /calls/batch (1,000 to a batch,
 * the batches spread over four tenants), then drained by one bridge in this JVM against the PBX
 * simulator over real TCP AMI (every call answered and hung up at once: numbers ending 6, Context
 * {@code FastHangup}), with DynamoDB Local and ElasticMQ. Prints the drain rate against the
 * configured pacing, what reached the dead-letter queue, and the most calls up at once against the
 * limits, in all (counted by the simulator as each Originate arrives) and per tenant (from the
 * records' dialedAt and endedAt).
 */
public final class BurstDrainBenchmark {

    private static final String CONTEXT = "FastHangup";

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(option(args, "--calls", "20000"));
        int batch = Integer.parseInt(option(args, "--batch", "1000"));
        int tenants = Integer.parseInt(option(args, "--tenants", "4"));
        double rate = Double.parseDouble(option(args, "--rate", "50"));
        int concurrent = Integer.parseInt(option(args, "--concurrent", "40"));
        double tenantRate = Double.parseDouble(option(args, "--tenant-rate", "20"));
        int tenantConcurrent = Integer.parseInt(option(args, "--tenant-concurrent", "15"));
        // A tenant's calls go at its rate at most: only tenants with a batch of the burst add theirs.
        double paced = Math.min(rate, Math.min(tenants, (calls + batch - 1) / batch) * tenantRate);

        try (LocalServices local = LocalServices.startInMemory()) {
            List<String> tenantIds = seed(local, tenants);
            String queueUrl = local.queueUrl("OriginateQueue");
            String deadLetters = local.queueUrl("OriginateDeadLetterQueue");
            System.out.printf("burst-drain: %,d calls as batches of %,d over %d tenants; pacing %.0f calls/s and %d at"
                            + " once in all, %.0f calls/s and %d at once per tenant%n", calls, batch, tenants, rate,
                    concurrent, tenantRate, tenantConcurrent);

            long intakeStart = System.nanoTime();
            accept(local, tenantIds, calls, batch);
            double intakeSeconds = (System.nanoTime() - intakeStart) / 1e9;
            System.out.printf("accepted %,d calls in %.1f s (%,.0f calls/s); %,d messages queued%n", calls, intakeSeconds,
                    calls / intakeSeconds, messagesOn(local, queueUrl));

            SimulatorConfig simulator = SimulatorConfig.builder().port(0).timeScale(0.01)
                    .writeTimeout(Duration.ofSeconds(1)).build();
            try (PbxSimulator pbx = PbxSimulator.start(simulator)) {
                AtomicInteger mostUp = new AtomicInteger();
                pbx.originateGate(channelId -> {
                    // Both halves of a Local channel are a call; the arriving one counts too.
                    mostUp.accumulateAndGet((pbx.liveChannelCount() + 1) / 2 + 1, Math::max);
                    return OriginateGate.Decision.PROCEED;
                });
                BridgeConfig config = new BridgeConfig("127.0.0.1", pbx.port(), "admin", "admin_password", queueUrl,
                        "CallsTable", "CallEventsTable", "CallStatsTable", LocalAws.REGION,
                        local.dynamoDbServer().endpoint(), local.sqsServer().endpoint(), "Local/{number}@outbound",
                        rate, concurrent, tenantRate, tenantConcurrent, 0, "burst-bridge", Duration.ofSeconds(5),
                        Duration.ofSeconds(1), Duration.ofSeconds(30));
                BridgeMetrics metrics = new BridgeMetrics();
                DynamoCallStore store = new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable");
                DynamoCallSink sink = new DynamoCallSink(store, new DynamoCallEventStore(local.dynamoDb(),
                        "CallEventsTable"), metrics, 8);
                Bridge bridge = new Bridge(config, store, sink, Bridge.DEFAULT_BACKLOG_HIGH_WATER, local.sqs(), metrics,
                        Clock.systemUTC());
                Instant drainStart = Instant.now();
                bridge.start();
                try {
                    awaitDrained(local, bridge, metrics, queueUrl, deadLetters, calls, paced);
                } finally {
                    bridge.stop(Duration.ofSeconds(30));
                }
                report(local, deadLetters, metrics, drainStart, calls, paced, mostUp.get(), concurrent,
                        tenantConcurrent);
            }
        }
    }

    /** Until every call was dialed and ended and the queue is empty, or three times the paced drain time. */
    private static void awaitDrained(LocalServices local, Bridge bridge, BridgeMetrics metrics, String queueUrl,
                                     String deadLetters, int calls, double paced) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + (long) ((calls / paced * 3 + 120) * 1e9);
        long nextReport = start;
        while (true) {
            long dialed = metrics.originates.sum() + metrics.originateErrors.sum();
            long queued = messagesOn(local, queueUrl);
            long dead = messagesOn(local, deadLetters);
            if (System.nanoTime() >= nextReport) {
                System.out.printf("  %5.0f s: %,6d dialed (%,.0f/s), %,6d on the queue, %d dead-lettered, %d tenant"
                                + " deferrals%n", (System.nanoTime() - start) / 1e9, dialed,
                        dialed / ((System.nanoTime() - start) / 1e9), queued, dead, metrics.tenantDeferrals.sum());
                nextReport += 15_000_000_000L;
            }
            if (dialed >= calls && queued == 0 && bridge.tracker().following() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                System.out.printf("burst-drain: not drained after %.0f s%n", (System.nanoTime() - start) / 1e9);
                return;
            }
            Thread.sleep(250);
        }
    }

    private static void report(LocalServices local, String deadLetters, BridgeMetrics metrics, Instant drainStart,
                               int calls, double paced, int mostUp, int limit, int tenantLimit) {
        DrainedCalls drained = DrainedCalls.read(local.dynamoDb(), "CallsTable");
        long dead = messagesOn(local, deadLetters);
        double seconds = Duration.between(drainStart, drained.lastEnded()).toMillis() / 1000.0;
        double perSecond = drained.finalCalls() / seconds;
        int mostPerTenant = drained.mostUpPerTenant().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        System.out.printf("drained %,d of %,d calls final (%,d never dialed) in %.1f s: %.1f calls/s against %.0f paced"
                        + " (%.3f); %d dead-lettered; %,d originates, %,d duplicate messages, %,d tenant deferrals%n",
                drained.finalCalls(), drained.total(), drained.neverDialed(), seconds, perSecond, paced,
                perSecond / paced, dead, metrics.originates.sum(), metrics.duplicateMessages.sum(),
                metrics.tenantDeferrals.sum());
        System.out.printf("most calls up at once: %d on the simulator, %d from the records (limit %d); per tenant %s"
                + " (limit %d)%n", mostUp, drained.mostUp(), limit, drained.mostUpPerTenant(), tenantLimit);
        System.out.printf("burst-drain calls=%d dead_lettered=%d drained_per_s=%.1f paced_per_s=%.0f pacing_ratio=%.3f"
                        + " max_concurrent=%d limit=%d max_tenant_concurrent=%d tenant_limit=%d%n", calls, dead,
                perSecond, paced, perSecond / paced, Math.max(mostUp, drained.mostUp()), limit, mostPerTenant,
                tenantLimit);
    }

    /** The burst, through POST /calls/batch, the batches taking the tenants in turn. */
    private static void accept(LocalServices local, List<String> tenantIds, int calls, int batch) throws Exception {
        FunctionConfig config = new FunctionConfig(LocalAws.REGION, "CallsTable", "TenantsTable", "IdempotencyTable",
                "CallEventsTable", "CallStatsTable", local.queueUrl("OriginateQueue"), "tenant_id", null, null, null);
        IntakeWiring wiring = IntakeWiring.of(config, local.dynamoDb(), local.sqs());
        wiring = wiring.withRequestLog(new RequestLog(wiring.json(), new PrintStream(OutputStream.nullOutputStream()),
                Clock.systemUTC()));
        MakeCallsHandler handler = new MakeCallsHandler(wiring);
        for (int from = 0, b = 0; from < calls; from += batch, b++) {
            List<String> numbers = new ArrayList<>();
            for (int i = from; i < Math.min(calls, from + batch); i++) {
                numbers.add("+1706" + (2_000_006 + 10 * i)); // ending 6: answered at once
            }
            new Invocations(tenantIds.get(b % tenantIds.size())).makeCalls(handler, numbers, "burst-" + from);
        }
    }

    private static List<String> seed(LocalServices local, int count) {
        DynamoTenantStore tenants = new DynamoTenantStore(local.dynamoDb(), "TenantsTable");
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            String id = "burst-" + t;
            tenants.put(new Tenant(id, "Burst " + t, "US", List.of(CONTEXT), CONTEXT,
                    List.of(new TransferNumber("+14045550199", 1))));
            tenants.put(new Did(id, "did-" + t, "+1404555010" + t, "Burst", true, null, 0));
            ids.add(id);
        }
        return ids;
    }

    /** Visible, in flight and delayed. */
    private static long messagesOn(LocalServices local, String queueUrl) {
        return local.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
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
