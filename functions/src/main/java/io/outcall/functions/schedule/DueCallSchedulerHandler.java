package io.outcall.functions.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateQueue;
import io.outcall.core.schedule.DueCallScheduler;
import io.outcall.core.schedule.ScheduleReport;
import io.outcall.core.schedule.ScheduleSettings;
import io.outcall.core.schedule.ScheduledCalls;
import io.outcall.core.tenant.TenantStore;
import io.outcall.functions.ScheduleWiring;
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
 * Event"): one run of the scheduler, which queues the SCHEDULED calls falling due. Its log line is
 * one JSON object on standard output (an Embedded Metric Format document) and the function's
 * result. The event carries nothing the run needs: the clock decides what is due.
 */
public final class DueCallSchedulerHandler implements RequestStreamHandler, Resource {

    private final ScheduledCalls calls;
    private final DueCallScheduler scheduler;
    private final Json json = Json.standard();
    private final Consumer<String> log;

    public DueCallSchedulerHandler() {
        this(ScheduleWiring.fromEnvironment(), System.out::println);
        Core.getGlobalContext().register(this);
    }

    private DueCallSchedulerHandler(ScheduleWiring wiring, Consumer<String> log) {
        this(wiring.calls(), wiring.queue(), wiring.tenants(), wiring.settings(), Clock.systemUTC(), log);
    }

    /** @param log where the run's line goes: standard output in Lambda, where CloudWatch Logs reads it */
    public DueCallSchedulerHandler(ScheduledCalls calls, OriginateQueue queue, TenantStore tenants,
                                   ScheduleSettings settings, Clock clock, Consumer<String> log) {
        this.calls = calls;
        this.scheduler = new DueCallScheduler(calls, queue, tenants, settings, clock);
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        event.transferTo(OutputStream.nullOutputStream());
        String line = scheduler.run().logLine(json);
        log.accept(line);
        output.write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** SnapStart priming: one shard's index query (finds nothing due before 1970) and the log line's writing. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        calls.dueBefore(0, Instant.EPOCH, 1);
        new ScheduleReport(Instant.EPOCH, scheduler.settings(), 0, 0, 0, 0, 0, 0, 0, null).logLine(json);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
