package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.localaws.CloudFormationTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays EventBridge for the functions template.yaml schedules ({@code Type: Schedule} events with a
 * {@code rate(...)}): each handler, built once with its no-arg constructor as Lambda builds it, gets
 * the same "Scheduled Event" at the same rate, on one thread, so runs never overlap.
 */
final class LocalSchedules implements AutoCloseable {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    record Schedule(String function, Duration every, RequestStreamHandler handler) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-schedules").daemon(true).factory());
    private final Clock clock;

    private LocalSchedules(List<Schedule> schedules, Clock clock) {
        this.clock = clock;
        for (Schedule schedule : schedules) {
            long millis = schedule.every().toMillis();
            timer.scheduleAtFixedRate(() -> invoke(schedule), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts every schedule of the template; the first run of each comes one period after the start. */
    static LocalSchedules start(CloudFormationTemplate template, Function<String, RequestStreamHandler> handlers, Clock clock) {
        return new LocalSchedules(schedulesOf(template, handlers), clock);
    }

    static List<Schedule> schedulesOf(CloudFormationTemplate template, Function<String, RequestStreamHandler> handlers) {
        List<Schedule> schedules = new ArrayList<>();
        for (TemplateFunction function : TemplateFunction.all(template)) {
            for (Map<String, Object> schedule : function.eventsOfType("Schedule")) {
                schedules.add(new Schedule(function.name(), rate(function.name(), (String) schedule.get("Schedule")),
                        handlers.apply(function.handlerClass())));
            }
        }
        return schedules;
    }

    static Duration rate(String function, String expression) {
        Matcher m = RATE.matcher(expression == null ? "" : expression.trim());
        if (!m.matches()) {
            throw new IllegalStateException(function + ": ./run-local plays only rate(N minutes|hours|days) schedules,"
                    + " not '" + expression + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).replaceAll("s$", "")) {
            case "minute" -> Duration.ofMinutes(n);
            case "hour" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private void invoke(Schedule schedule) {
        String event = String.format(Locale.ROOT, """
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events",\
                "account":"000000000000","time":"%s","region":"us-east-1",\
                "resources":["arn:aws:events:us-east-1:000000000000:rule/%s"],"detail":{}}""",
                UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.SECONDS), schedule.function());
        long start = System.nanoTime();
        try {
            schedule.handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
            System.out.printf(Locale.ROOT, "schedule %s: ran in %d ms%n", schedule.function(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            // A failed run must not cancel the schedule, as in EventBridge: the next one comes anyway.
            System.err.println("schedule " + schedule.function() + ": failed: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
