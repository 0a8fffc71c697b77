package io.outcall.bridge;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallEvent;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every outcome of the traces, dialed by a running bridge through the PBX simulator over TCP,
 * read back from DynamoDB Local: status, disposition, cause, times, and the timeline in order.
 */
class BridgeOutcomesTest {

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static BridgeHarness.RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        bridge = harness.startBridge(harness.config(pbx, "bridge-outcomes"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        pbx.close();
        harness.close();
    }

    @ParameterizedTest(name = "number ending {0}: {1} / {2}, cause {3}")
    @CsvSource({
            "1, COMPLETED, ANSWERED,   16, 01-answered-ivr",
            "2, BUSY,      BUSY,       17, 02-busy",
            "3, NO_ANSWER, NO_ANSWER,  19, 03-no-answer",
            "4, FAILED,    CONGESTION, 34, 04-congestion",
            "5, COMPLETED, ANSWERED,   16, ",
            "6, COMPLETED, ANSWERED,   16, ",
            "7, FAILED,    FAILED,     1,  06-rejected-unallocated-cause1",
            "8, FAILED,    FAILED,     21, ",
            "0, FAILED,    FAILED,     1,  "})
    void eachOutcomeEndsWithTheRightRecordAndTimeline(char digit, CallStatus status, Disposition disposition, int cause,
                                                      String trace) {
        Call queued = harness.queueCall("+1706555123" + digit, "DynamicIVR", 5);

        Call done = harness.awaitFinal(queued.callId());

        assertEquals(status, done.status());
        assertEquals(disposition, done.disposition());
        assertNotNull(done.hangupCause(), "a final call carries Asterisk's cause");
        assertEquals(cause, done.hangupCause().code());
        assertFalse(done.hangupCause().text().isBlank());
        assertNull(done.failureReason(), "Asterisk, not the platform, decided this outcome");
        assertTimesAreConsistent(done);

        List<String> timeline = harness.names(queued.callId());
        assertEquals(1, timeline.stream().filter("OriginateResponse"::equals).count(), timeline::toString);
        if (trace != null) {
            assertEquals(TraceSummaries.withoutOriginateResponse(TraceSummaries.persistedTimeline(trace)),
                    TraceSummaries.withoutOriginateResponse(timeline), "same events, same order as the real trace");
        }
        List<CallEvent> events = harness.timeline(queued.callId());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).seq(), "sequence numbers are 1..n without gaps");
        }
    }

    @Test
    void userEventsKeepTheirNameAndCustomHeaders() {
        Call queued = harness.queueCall("+17065551231");
        harness.awaitFinal(queued.callId());

        List<CallEvent> userEvents = harness.timeline(queued.callId()).stream()
                .filter(e -> e.name().startsWith("UserEvent:")).toList();
        assertEquals(List.of("UserEvent:IvrStarted", "UserEvent:DigitPressed", "UserEvent:IvrDone", "UserEvent:IvrHangup"),
                userEvents.stream().map(CallEvent::name).toList());
        assertEquals(queued.callId(), userEvents.get(0).fields().get("callid"), "CALL_ID reached the dialplan");
        assertEquals("1", userEvents.get(1).fields().get("digit"));
        assertEquals("ANSWER", userEvents.get(2).fields().get("dialstatus"));
    }

    @Test
    void healthAndMetricsAreServed() throws Exception {
        Call queued = harness.queueCall("+17065551232");
        harness.awaitFinal(queued.callId());
        HttpClient http = HttpClient.newHttpClient();
        int port = bridge.bridge().healthPort();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"amiConnected\":true"), health.body());

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("bridge_call_outcomes_total{status=\"BUSY\"}"), metrics);
        assertTrue(metrics.contains("bridge_ami_events_dropped_total 0"), metrics);
        // This bridge's own count: AsteriskJavaDropsTest makes asterisk-java drop events in this same JVM.
        assertTrue(metrics.contains("bridge_asterisk_java_queue_full_total 0"), metrics);
    }

    static void assertTimesAreConsistent(Call call) {
        assertNotNull(call.dialedAt());
        assertNotNull(call.endedAt());
        assertFalse(call.endedAt().isBefore(call.dialedAt()));
        if (call.status() == CallStatus.COMPLETED) {
            assertNotNull(call.answeredAt());
            assertFalse(call.answeredAt().isBefore(call.dialedAt()));
            assertFalse(call.endedAt().isBefore(call.answeredAt()));
            assertEquals(Math.round((call.endedAt().toEpochMilli() - call.answeredAt().toEpochMilli()) / 1000.0),
                    (long) call.talkSeconds());
        } else {
            assertNull(call.answeredAt());
            assertEquals(0, call.talkSeconds());
        }
        assertNotNull(call.ringSeconds());
    }
}
