package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bridge's /metrics as Prometheus reads it: scraped from a running bridge after real calls
 * (PBX simulator over TCP, ElasticMQ, DynamoDB Local), then checked by Prometheus' own
 * {@code promtool check metrics}, which must find nothing (HELP on every metric, base units,
 * counter and histogram conventions).
 */
class PrometheusMetricsTest {

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static BridgeHarness.RunningBridge bridge;
    private static String exposition;

    @BeforeAll
    static void dialTwoCallsAndScrape() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        bridge = harness.startBridge(harness.config(pbx, "bridge-metrics"));
        Call busy = harness.queueCall("+17065551232");
        Call congested = harness.queueCall("+17065551234");
        harness.awaitFinal(busy.callId());
        harness.awaitFinal(congested.callId());
        // A final status can be stored before the counters of the same call move (they are counted
        // on other threads): wait for what the assertions read, not for time.
        BridgeHarness.awaitCount(bridge.metrics().originates::sum, 2, "both Originates counted");
        BridgeHarness.awaitCount(() -> harness.messagesOn(harness.queueUrl) == 0 ? 1 : 0, 1,
                "both messages deleted, after their Originates were measured");
        HttpResponse<String> response = scrape();
        for (int i = 0; i < 600 && !(response.body().contains("status=\"BUSY\"")
                && response.body().contains("status=\"FAILED\"")); i++) {
            BridgeHarness.sleep(100);
            response = scrape();
        }
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"),
                response.headers()::toString);
        exposition = response.body();
    }

    private static HttpResponse<String> scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.bridge().healthPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (pbx != null) {
            pbx.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void promtoolFindsNothingToComplainAbout() throws Exception {
        Path promtool = promtool();
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String findings = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool check metrics did not finish");
        assertEquals("", findings.strip(), "promtool check metrics found problems in:\n" + exposition);
        assertEquals(0, check.exitValue(), findings);
    }

    @Test
    void theCallsAreCountedAndTimed() {
        assertEquals(2.0, value("bridge_originates_total"), exposition);
        assertEquals(1.0, value("bridge_call_outcomes_total{status=\"BUSY\"}"), exposition);
        assertEquals(1.0, value("bridge_call_outcomes_total{status=\"FAILED\"}"), exposition);
        assertEquals(2.0, value("bridge_enqueue_to_originate_seconds_count"), exposition);
        assertEquals(2.0, value("bridge_enqueue_to_originate_seconds_bucket{le=\"+Inf\"}"), exposition);
        assertEquals(value("bridge_call_events_persisted_total"), value("bridge_event_to_write_seconds_count"),
                "every timeline item written is timed from its AMI event");
        assertTrue(value("bridge_event_to_write_seconds_count") > 0, exposition);
        assertEquals(0.0, value("bridge_persistence_lag_seconds"), "nothing waits once the calls are written");
        for (String name : new String[]{"bridge_active_calls", "bridge_persistence_backlog", "bridge_ami_event_queue_fill_ratio",
                "bridge_last_event_age_seconds", "bridge_asterisk_java_queue_full_total", "bridge_ami_events_dropped_total"}) {
            assertTrue(exposition.contains("# HELP " + name + " "), () -> name + " has no HELP line:\n" + exposition);
        }
    }

    private static double value(String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        if (!line.find()) {
            fail("no sample " + series + " in:\n" + exposition);
        }
        return Double.parseDouble(line.group(1));
    }

    /**
     * promtool on the PATH. Under CI (CI=true) its absence fails the test, since .ci/run installs
     * it; elsewhere the test is skipped with how to install it.
     */
    private static Path promtool() {
        Path found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        String install = "promtool is not on the PATH; install Prometheus' tools (Debian/Ubuntu: apt-get install -y"
                + " prometheus) to check the bridge's /metrics";
        if (found == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(install + " (.ci/run installs it; CI=true requires it)");
        }
        Assumptions.assumeTrue(found != null, install);
        return found;
    }
}
