package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smoke test of a running local stack, over HTTP only, as a client would use it: a call for
 * each outcome the simulator plays (by the dialed number's last digit), each followed until it is
 * final, one call canceled while it rings, then everything read back through GET /calls, one
 * timeline and the statistics; then a journey step through the local Lambda Invoke API
 * ({@link SmokeJourney}); then a fresh tenant onboarded over HTTP, given a DID, and calling from it
 * ({@link SmokeTenant}). Prints one line per check and exits 1 on the first surprise.
 *
 * <p>Usage: see {@link #USAGE}; {@code local/smoke-test} starts the stack
 * with ./run-local and runs this from the test class path. It is a program, not a JUnit test: it
 * needs the whole stack up on fixed ports, so {@code mvn verify} never runs it; {@code ./run-tests}
 * does, through {@code local/smoke-test}, after the build.
 */
public final class SmokeTest {

    private record Expected(String digit, String status, String disposition, String description) {
    }

    private static final List<Expected> OUTCOMES = List.of(
            new Expected("1", "COMPLETED", "ANSWERED", "answered, IVR, transfer"),
            new Expected("2", "BUSY", "BUSY", "busy"),
            new Expected("3", "NO_ANSWER", "NO_ANSWER", "rings until the 5 s ring timeout"),
            new Expected("4", "FAILED", "CONGESTION", "congestion"),
            new Expected("5", "COMPLETED", "ANSWERED", "answered, far end hangs up"),
            new Expected("7", "FAILED", "FAILED", "unallocated number"),
            new Expected("8", "FAILED", "FAILED", "rings, then rejected"));
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(120);

    private final ObjectMapper json = new ObjectMapper();
    private final SmokeHttp api;
    private final String token;
    private final URI lambdaEndpoint;
    private final SmokeTenant.Grants onboarding;

    private SmokeTest(SmokeHttp api, String token, URI lambdaEndpoint, SmokeTenant.Grants onboarding) {
        this.api = api;
        this.token = token;
        this.lambdaEndpoint = lambdaEndpoint;
        this.onboarding = onboarding;
    }

    private static final String USAGE = "usage: SmokeTest <api base URL, e.g. http://127.0.0.1:3000> <token of tenant demo>"
            + " <Lambda Invoke API URL, e.g. http://127.0.0.1:3001> <a new tenant's id> <platform token>"
            + " <that tenant's admin token>";

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--help")) {
            // local/smoke-test --check-classpath: proves the class resolves without a stack running.
            System.out.println(USAGE);
            return;
        }
        if (args.length != 6) {
            System.err.println(USAGE);
            System.exit(2);
        }
        try {
            new SmokeTest(SmokeHttp.of(URI.create(args[0])), args[1], URI.create(args[2]),
                    new SmokeTenant.Grants(args[3], args[4], args[5])).run();
            System.out.println("smoke test passed");
        } catch (SmokeFailure e) {
            System.err.println("smoke test FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Exception {
        check(send("GET", "/calls", null, false).statusCode() == 401, "GET /calls without a token is 401");

        Map<String, Expected> placed = new LinkedHashMap<>();
        for (Expected outcome : OUTCOMES) {
            String callId = place("+1404555012" + outcome.digit(), 5);
            placed.put(callId, outcome);
            System.out.println("placed " + callId + " to ...012" + outcome.digit() + " (" + outcome.description() + ")");
        }
        String canceled = place("+14045550133", 60);
        System.out.println("placed " + canceled + " to ...0133 (rings for a minute; to be canceled)");

        waitForStatus(canceled, "RINGING");
        HttpResponse<String> cancel = send("POST", "/calls/" + canceled + "/cancel", null, true);
        check(cancel.statusCode() == 202, "POST /calls/{id}/cancel of a ringing call is 202, was "
                + cancel.statusCode() + " " + cancel.body());
        placed.put(canceled, new Expected("3", "CANCELED", "CANCELED", "canceled while ringing"));

        for (var entry : placed.entrySet()) {
            JsonNode call = waitForFinal(entry.getKey());
            Expected want = entry.getValue();
            check(want.status().equals(call.path("status").asText())
                            && want.disposition().equals(call.path("disposition").asText()),
                    entry.getKey() + " (" + want.description() + ") ends " + want.status() + "/" + want.disposition()
                            + ", was " + call.path("status").asText() + "/" + call.path("disposition").asText());
            System.out.println("  " + entry.getKey() + " " + call.path("status").asText() + "/"
                    + call.path("disposition").asText() + "  cause " + call.path("cause").path("code").asText("-")
                    + "  ring " + call.path("ringSeconds").asText("-") + " s  talk " + call.path("talkSeconds").asText("-")
                    + " s  (" + want.description() + ")");
        }
        check(send("POST", "/calls/" + canceled + "/cancel", null, true).statusCode() == 409,
                "canceling a finished call again is 409");

        Map<String, String> listed = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = ok(send("GET", "/calls?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), null, true));
            page.path("calls").forEach(c -> listed.put(c.path("callId").asText(), c.path("status").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        for (var entry : placed.entrySet()) {
            check(entry.getValue().status().equals(listed.get(entry.getKey())),
                    "GET /calls lists " + entry.getKey() + " as " + entry.getValue().status() + ", was " + listed.get(entry.getKey()));
        }
        System.out.println("GET /calls (3 to a page) lists all " + placed.size() + " calls with their final status");

        String answered = placed.keySet().iterator().next();
        JsonNode detail = ok(send("GET", "/calls/" + answered, null, true));
        List<String> names = new ArrayList<>();
        detail.path("events").forEach(e -> names.add(e.path("name").asText()));
        check(names.contains("Hangup") && names.stream().anyMatch(n -> n.startsWith("UserEvent:")),
                "the answered call's timeline has its UserEvents and Hangup: " + names);
        System.out.println("GET /calls/" + answered + " has " + names.size() + " events, UserEvents included");

        JsonNode stats = ok(send("GET", "/calls/stats?interval=day", null, true));
        long counted = stats.path("total").path("calls").asLong();
        check(counted == placed.size(), "GET /calls/stats counts each final call once: " + placed.size()
                + " placed, counted " + counted);
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        placed.values().forEach(want -> byStatus.merge(want.status(), 1, Integer::sum));
        Map<String, Integer> countedByStatus = new java.util.TreeMap<>();
        stats.path("total").path("byStatus").fields().forEachRemaining(e -> countedByStatus.put(e.getKey(), e.getValue().asInt()));
        check(byStatus.equals(countedByStatus), "GET /calls/stats counts by status " + countedByStatus + ", placed " + byStatus);
        System.out.println("GET /calls/stats: " + counted + " calls, answer rate "
                + stats.path("total").path("answerRate").asText() + ", by status " + stats.path("total").path("byStatus"));

        // Last: its call would count in the statistics checked above.
        String journeyId = "smoke-journey-" + java.util.UUID.randomUUID();
        String journeyCall = new SmokeJourney(new LocalInvoker(lambdaEndpoint), journeyId).run();
        JsonNode journey = ok(send("GET", "/calls?journeyId=" + journeyId, null, true));
        check(journey.path("calls").size() == 1 && journeyCall.equals(journey.path("calls").path(0).path("callId").asText()),
                "GET /calls?journeyId= lists the journey's one call " + journeyCall + ", was " + journey);
        System.out.println("GET /calls?journeyId=" + journeyId + " lists that one call");

        new SmokeTenant(api, onboarding, this::waitForFinal).run();
    }

    private String place(String to, int ringTimeoutSeconds) throws Exception {
        HttpResponse<String> response = send("POST", "/calls",
                "{\"to\":\"" + to + "\",\"ringTimeoutSeconds\":" + ringTimeoutSeconds + "}", true);
        check(response.statusCode() == 202, "POST /calls is 202, was " + response.statusCode() + " " + response.body());
        return json.readTree(response.body()).path("callId").asText();
    }

    private JsonNode waitForFinal(String callId) throws Exception {
        return waitForFinal(callId, token);
    }

    /** Follows a call with {@code bearer}, a token of the call's tenant. */
    private JsonNode waitForFinal(String callId, String bearer) throws Exception {
        return waitFor(callId, bearer, call -> List.of("COMPLETED", "BUSY", "NO_ANSWER", "FAILED", "CANCELED")
                .contains(call.path("status").asText()), "a final status");
    }

    private void waitForStatus(String callId, String status) throws Exception {
        waitFor(callId, token, call -> status.equals(call.path("status").asText()), status);
    }

    private JsonNode waitFor(String callId, String bearer, java.util.function.Predicate<JsonNode> done, String what)
            throws Exception {
        Instant deadline = Instant.now().plus(FINAL_WITHIN);
        JsonNode call;
        do {
            call = ok(api.send("GET", "/calls/" + callId + "?events=false", bearer, null, null));
            if (done.test(call)) {
                return call;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        throw new SmokeFailure(callId + " did not reach " + what + " within " + FINAL_WITHIN.toSeconds() + " s; last seen "
                + call);
    }

    JsonNode ok(HttpResponse<String> response) throws IOException {
        check(response.statusCode() == 200, response.request().method() + " " + response.request().uri().getPath()
                + " is 200, was " + response.statusCode() + " " + response.body());
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, boolean withToken) throws Exception {
        return api.send(method, path, withToken ? token : null, "application/json", body);
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new SmokeFailure(what);
        }
    }

    private static final class SmokeFailure extends RuntimeException {
        SmokeFailure(String message) {
            super(message);
        }
    }
}
