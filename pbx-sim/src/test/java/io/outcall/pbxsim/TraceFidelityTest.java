package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks fidelity against the captures instead of assuming it: the simulator's events for a call are compared with
 * the real Asterisk stream (test resources copied from ami-traces/), event by event, by name and shortened channel.
 */
class TraceFidelityTest {

    /** The classes the .summary.txt files leave out. */
    private static final Set<String> NOISE = Set.of("VarSet", "Newexten", "DeviceStateChange", "NewCallerid",
            "NewConnectedLine");
    private static final Set<String> NOT_CALL = Set.of("FullyBooted", "SuccessfulAuth");

    private static PbxSimulator pbx;

    @BeforeAll
    static void start() throws Exception {
        pbx = SimulatorTestSupport.fastSimulator(ReorderMode.off());
    }

    @AfterAll
    static void stop() {
        pbx.close();
    }

    @ParameterizedTest(name = "{0} matches its .summary.txt")
    @CsvSource({"01-answered-ivr, +17065551231", "02-busy, +17065551232"})
    void summaryMatches(String trace, String number) throws Exception {
        List<String> expected = new ArrayList<>();
        for (String line : resource(trace + ".summary.txt").split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length < 2 || !parts[0].matches("\\d+\\.") || parts[1].startsWith("Response:")) {
                continue;
            }
            String channel = parts.length > 2 && parts[2].matches("[OT];[12]") ? parts[2] : "";
            expected.add(key(parts[1], channel));
        }
        List<String> actual = simulate(number).stream().filter(k -> !NOISE.contains(k.split(" ")[0])).toList();
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0} matches the raw capture, noise events included")
    @CsvSource({"01-answered-ivr, +17065551231", "02-busy, +17065551232", "03-no-answer, +17065551233",
            "04-congestion, +17065551234", "06-rejected-unallocated-cause1, +17065551237"})
    void rawStreamMatches(String trace, String number) throws Exception {
        List<String> expected = new ArrayList<>();
        SimulatorTestSupport.ChannelShortener names = new SimulatorTestSupport.ChannelShortener();
        for (String message : resource(trace + ".txt").split("\r\n\r\n")) {
            String event = null;
            String channel = null;
            for (String line : message.split("\r\n")) {
                if (line.startsWith("Event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("Channel: ") && channel == null) {
                    channel = line.substring(9);
                }
            }
            if (event != null && !NOT_CALL.contains(event)) {
                expected.add(key(event, names.shorten(channel)));
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", simulate(number)));
    }

    /** Runs the trace's Originate and returns "Event channel" keys in arrival order. */
    private static List<String> simulate(String number) throws IOException {
        String callId = "fidelity-" + number;
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, number, "DynamicIVR", callId, null, callId);
            var or = c.await(m -> m.isEvent("OriginateResponse") && callId.equals(m.get("ActionID")));
            String dial = "Local/" + number + "@outbound";
            // the call is over when the last DeviceStateChange NOT_INUSE of its device has arrived
            int devices = number.endsWith("2") || number.endsWith("4") ? 3 : 2;
            c.awaitCount(m -> m.isEvent("DeviceStateChange") && dial.equals(m.get("Device"))
                    && "NOT_INUSE".equals(m.get("State")), devices);
            if (number.endsWith("1")) {
                c.awaitCount(m -> m.isEvent("DeviceStateChange") && "NOT_INUSE".equals(m.get("State")), 4);
            }
            SimulatorTestSupport.ChannelShortener names = new SimulatorTestSupport.ChannelShortener();
            List<String> keys = new ArrayList<>();
            for (RawAmiClient.Msg m : c.all()) {
                if (m.event() != null && !NOT_CALL.contains(m.event())) {
                    keys.add(key(m.event(), names.shorten(m.get("Channel"))));
                }
            }
            return keys;
        }
    }

    /** Dial and OriginateResponse channels are shown differently by the summaries; compare names only. */
    private static String key(String event, String channel) {
        boolean nameOnly = event.startsWith("Dial") || event.equals("OriginateResponse");
        return nameOnly || channel.isEmpty() ? event : event + " " + channel;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TraceFidelityTest.class.getResourceAsStream("/traces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
