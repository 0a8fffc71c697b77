package io.outcall.functions.http;

import io.outcall.core.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * One JSON line per request on standard output: route, tenant, call id, status, latency. Lambda's
 * JSON log format ({@code LoggingConfig: LogFormat: JSON}) takes a line that is already a JSON
 * object as it is and filters it by its {@code level}. Written with the Jackson generator the
 * function loads anyway: a logging framework would cost its class loading on every cold start.
 *
 * Only identifiers and numbers are logged: never a header, a body, a phone number or an
 * exception's message (those can hold a number or a token); a failure is named by its type.
 */
public final class RequestLog {

    /** What a handler does inside one logged request; it names the tenant and call as it learns them. */
    @FunctionalInterface
    public interface Work<T> {
        T run(LoggedRequest request) throws IOException;
    }

    private final Json json;
    private final PrintStream out;
    private final Clock clock;

    public RequestLog(Json json, PrintStream out, Clock clock) {
        this.json = json;
        this.out = out;
        this.clock = clock;
    }

    public static RequestLog standardOutput(Json json) {
        return new RequestLog(json, System.out, Clock.systemUTC());
    }

    /**
     * Runs {@code work} and writes its line, also when it throws: the status is then the one the
     * HTTP API answers that failure with (400, 403, 409, 503...) or 500, and the line names its type.
     */
    public <T> T around(String route, String requestId, Work<T> work) throws IOException {
        long started = System.nanoTime();
        LoggedRequest request = new LoggedRequest(route, requestId);
        try {
            T result = work.run(request);
            write(request, started);
            return result;
        } catch (RuntimeException e) {
            Problem problem = ApiEvents.problemFor(e);
            request.failed(problem == null ? 500 : problem.status(), e);
            write(request, started);
            throw e;
        } catch (IOException | Error e) {
            request.failed(500, e);
            write(request, started);
            throw e;
        }
    }

    private void write(LoggedRequest request, long startedNanos) {
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        String line = json.write(generator -> request.writeTo(generator, clock.instant(), latencyMillis));
        out.println(line);
    }
}
