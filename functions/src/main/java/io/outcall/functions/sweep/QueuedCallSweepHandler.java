package io.outcall.functions.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.sweep.QueuedCallSweeper;
import io.outcall.core.sweep.QueuedCalls;
import io.outcall.core.sweep.SweepReport;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.core.tenant.TenantStore;
import io.outcall.functions.SweepWiring;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Invoked every minute by an EventBridge schedule (and by ./run-local, with the same "Scheduled
 * Event"): one sweep of the calls stuck QUEUED. Its log line is one JSON object on standard output,
 * which is also an Embedded Metric Format document, so CloudWatch Logs extracts the counts as
 * metrics; the same line is the function's result. The event itself carries nothing the sweep
 * needs: the clock decides what is stuck.
 */
public final class QueuedCallSweepHandler implements RequestStreamHandler, Resource {

    private final QueuedCalls calls;
    private final QueuedCallSweeper sweeper;
    private final Json json = Json.standard();
    private final Consumer<String> log;

    public QueuedCallSweepHandler() {
        this(SweepWiring.fromEnvironment(), System.out::println);
        Core.getGlobalContext().register(this);
    }

    private QueuedCallSweepHandler(SweepWiring wiring, Consumer<String> log) {
        this(wiring.calls(), wiring.queue(), wiring.tenants(), wiring.settings(), Clock.systemUTC(), log);
    }

    /** @param log where the run's line goes: standard output in Lambda, where CloudWatch Logs reads it */
    public QueuedCallSweepHandler(QueuedCalls calls, OriginateQueue queue, SweepSettings settings, Clock clock,
                                  Consumer<String> log) {
        this(calls, queue, null, settings, clock, log);
    }

    /** @param tenants read for the limits and calling window a message sent again carries; null: none */
    public QueuedCallSweepHandler(QueuedCalls calls, OriginateQueue queue, TenantStore tenants, SweepSettings settings,
                                  Clock clock, Consumer<String> log) {
        this.calls = calls;
        this.sweeper = new QueuedCallSweeper(calls, queue, tenants, settings, clock);
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        event.transferTo(OutputStream.nullOutputStream());
        String line = sweeper.sweep().logLine(json);
        log.accept(line);
        output.write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** SnapStart priming: one shard's index query (finds nothing before 1970) and the log line's writing. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        calls.queuedBefore(0, Instant.EPOCH, 1);
        new SweepReport(Instant.EPOCH, sweeper.settings(), 0, 0, 0, 0, 0, null).logLine(json);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
