package io.outcall.bench.cost;

import io.outcall.bridge.Bridge;
import io.outcall.bridge.calls.CallSink;
import io.outcall.core.call.Call;
import io.outcall.core.store.CallStore;

import java.io.IOException;
import java.time.Duration;

/**
 * Places one call and follows it until nothing about it is left to write, counting into a tally;
 * then reads it back once, counting into another. Its own polling goes through an uncounted store.
 */
final class CallRunner {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Functions functions;
    private final CostMeter meter;
    private final Bridge bridge;
    private final CallSink sink;
    private final CallStore uncounted;

    CallRunner(Functions functions, CostMeter meter, Bridge bridge, CallSink sink, CallStore uncounted) {
        this.functions = functions;
        this.meter = meter;
        this.bridge = bridge;
        this.sink = sink;
        this.uncounted = uncounted;
    }

    Call run(int outcomeDigit, Tally callTally, Tally readTally) throws IOException, InterruptedException {
        meter.countInto(callTally);
        String callId = functions.makeCall("+1706555123" + outcomeDigit, callTally);
        Call done = awaitSettled(callId);
        meter.stop();
        meter.countInto(readTally);
        functions.getCall(callId, readTally);
        meter.stop();
        return done;
    }

    /** Final, followed no more, every write done (the SQS message is deleted before the Originate's record). */
    private Call awaitSettled(String callId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Call call = uncounted.find(callId).orElse(null);
            if (call != null && call.status().isFinal() && bridge.tracker().following() == 0 && sink.backlog() == 0) {
                return call;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("call " + callId + " did not settle within " + PATIENCE + ": "
                + uncounted.find(callId).orElse(null));
    }
}
