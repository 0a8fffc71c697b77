package io.outcall.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoIdempotencyStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.intake.IntakeRequest;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.tenant.TransferPicker;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Places calls at a steady rate straight into the intake MakeCallHandler runs (validate, write the
 * call QUEUED, enqueue its message), in the soak's JVM: the soak tests the bridge, and the HTTP
 * front and its JWT add nothing to that but a hop (the smoke test covers them).
 *
 * <p>Numbers end in the simulator's digits whose calls end by themselves within seconds: 1 answers
 * (IVR, transfer), 2 busy, 3 rings until the ring timeout, 4 congestion, 5 answers and hangs up,
 * 7 unallocated, 8 rings then rejects.
 */
final class CallPlacer implements AutoCloseable {

    private static final char[] DIGITS = {'1', '2', '3', '4', '5', '7', '8'};
    static final int RING_TIMEOUT_SECONDS = 8;

    private final CallIntake intake;
    private final Random random;
    private final List<String> placed = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("soak-placer").factory());

    CallPlacer(SoakStack stack, Random random) {
        this.random = random;
        this.intake = new CallIntake(new DynamoTenantStore(stack.aws.dynamoDb(), "TenantsTable"),
                new DynamoCallStore(stack.aws.dynamoDb(), SoakStack.CALLS_TABLE, SoakStack.CALL_STATS_TABLE),
                new DynamoIdempotencyStore(stack.aws.dynamoDb(), "IdempotencyTable"),
                new SqsOriginateQueue(stack.aws.sqs(), stack.queueUrl, new OriginateMessageCodec(new ObjectMapper())),
                new CallRequestValidator(new PhoneNumbers()), new TransferPicker(new SecureRandom()),
                CallId.systemGenerator(), Clock.systemUTC());
    }

    void start(double callsPerSecond) {
        long periodMicros = (long) (1_000_000 / callsPerSecond);
        timer.scheduleAtFixedRate(this::placeOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void placeOne() {
        String to = String.format("+1706555%03d%c", random.nextInt(1000), DIGITS[random.nextInt(DIGITS.length)]);
        try {
            placed.add(intake.accept(new IntakeRequest(SoakStack.TENANT,
                    new CallRequest(to, null, null, null, RING_TIMEOUT_SECONDS, null), null, null)).call().callId());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: note it and go on placing.
            refused.add(to + ": " + e);
        }
    }

    /** Stops placing; the calls placed so far are what the soak checks. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(30, TimeUnit.SECONDS);
    }

    List<String> placed() {
        return new ArrayList<>(placed);
    }

    List<String> refused() {
        return new ArrayList<>(refused);
    }
}
