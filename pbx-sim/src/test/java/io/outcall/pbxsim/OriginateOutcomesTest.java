package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The outcome table of DESIGN.md / ami-traces/README.md, one row per last digit. */
class OriginateOutcomesTest {

    private static PbxSimulator pbx;

    @BeforeAll
    static void start() throws Exception {
        pbx = SimulatorTestSupport.fastSimulator(ReorderMode.off());
    }

    @AfterAll
    static void stop() {
        pbx.close();
    }

    @ParameterizedTest(name = "digit {0}: {2}/{3}, ;2 cause {4}, ;1 cause {5}")
    @CsvSource({
            "1, DynamicIVR, Success, 4, 16, 16, ANSWER",
            "2, DynamicIVR, Failure, 5, 17, 0, BUSY",
            "3, DynamicIVR, Failure, 3, 19, 19, ",
            "4, DynamicIVR, Failure, 8, 34, 0, CONGESTION",
            "5, DynamicIVR, Success, 4, 16, 16, ANSWER",
            "6, FastHangup, Success, 4, 16, 16, ANSWER",
            "7, DynamicIVR, Failure, 0, 1, 1, NOANSWER",
            "8, DynamicIVR, Failure, 0, 21, 21, NOANSWER",
            "0, DynamicIVR, Failure, 0, 1, 1, NOANSWER"})
    void outcomeByLastDigit(char digit, String context, String response, String reason, String cause2,
                            String cause1, String dialStatus) throws Exception {
        String callId = "call-d" + digit;
        String actionId = "orig-d" + digit;
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, "+1706555123" + digit, context, actionId, callId, callId);
            assertEquals("Originate successfully queued", c.await(m -> actionId.equals(m.get("ActionID"))
                    && m.event() == null).get("Message"));

            var or = c.await(m -> m.isEvent("OriginateResponse") && actionId.equals(m.get("ActionID")));
            var hangup2 = c.await(m -> m.isEvent("Hangup") && (callId + ";2").equals(m.get("Uniqueid")));
            var hangup1 = c.await(m -> m.isEvent("Hangup") && callId.equals(m.get("Uniqueid")));
            assertEquals(response, or.get("Response"));
            assertEquals(reason, or.get("Reason"));
            assertEquals(callId, or.get("Uniqueid"), "with ChannelId even a failed OriginateResponse carries it");
            assertEquals(cause2, hangup2.get("Cause"));
            assertEquals(cause1, hangup1.get("Cause"));
            if (response.equals("Success")) {
                assertTrue(or.get("Channel").matches("Local/\\+1706555123" + digit + "@outbound-[0-9a-f]{8};1"));
            } else {
                assertEquals("Local/+1706555123" + digit + "@outbound", or.get("Channel"));
            }

            List<RawAmiClient.Msg> events = SimulatorTestSupport.eventsOfCall(c, callId, actionId);
            var dialEnds = events.stream().filter(m -> m.isEvent("DialEnd") && m.get("Channel") == null).toList();
            if (dialStatus == null) {
                assertTrue(dialEnds.isEmpty(), "no DialEnd when the Originate Timeout expires");
            } else {
                assertEquals(dialStatus, dialEnds.get(0).get("DialStatus"));
            }
            for (RawAmiClient.Msg m : events) {
                for (String header : List.of("Linkedid", "DestLinkedid", "LocalOneLinkedid", "LocalTwoLinkedid")) {
                    if (m.get(header) != null) {
                        assertEquals(callId, m.get(header), m.event() + " " + header);
                    }
                }
            }
            if (digit == '1') {
                // the transfer legs carry the originated call's Linkedid too
                long transferEvents = events.stream()
                        .filter(m -> String.valueOf(m.get("Channel")).startsWith("Local/+14045550199")).count();
                assertTrue(transferEvents > 10);
                assertEquals(List.of("IvrStarted", "DigitPressed", "IvrDone", "IvrHangup"), events.stream()
                        .filter(m -> m.isEvent("UserEvent")).map(m -> m.get("UserEvent")).toList());
                assertTrue(events.stream().filter(m -> m.isEvent("UserEvent"))
                        .allMatch(m -> callId.equals(m.get("CallId"))), "CALL_ID variable reaches the IVR");
            }
        }
    }

    @Test
    void withoutChannelIdFailuresSayUnknownAndSecondHalfGetsNextUniqueid() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, "+17065551232", "DynamicIVR", "busy-no-id", null, "x");
            var or = c.await(m -> m.isEvent("OriginateResponse") && "busy-no-id".equals(m.get("ActionID")));
            assertEquals("<unknown>", or.get("Uniqueid"));
            var newchannels = c.matching(m -> m.isEvent("Newchannel")
                    && String.valueOf(m.get("Channel")).startsWith("Local/+17065551232@outbound-"));
            String id1 = newchannels.get(0).get("Uniqueid");
            String id2 = newchannels.get(1).get("Uniqueid");
            assertTrue(id1.matches("\\d{10}\\.\\d+"), id1);
            assertEquals(id1, newchannels.get(1).get("Linkedid"));
            assertFalse(id1.equals(id2));
        }
    }

    @Test
    void otherChannelIdNamesTheSecondHalfAsInTrace16() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            c.send("Action: Originate", "Channel: Local/+17065553332@outbound", "Context: DynamicIVR", "Exten: s",
                    "Priority: 1", "Async: true", "ActionID: chid-call-busy", "ChannelId: call-busy-leg1",
                    "OtherChannelId: call-busy-leg2");
            var or = c.await(m -> m.isEvent("OriginateResponse") && "chid-call-busy".equals(m.get("ActionID")));
            assertEquals("call-busy-leg1", or.get("Uniqueid"));
            var h2 = c.await(m -> m.isEvent("Hangup") && "call-busy-leg2".equals(m.get("Uniqueid")));
            assertEquals("call-busy-leg1", h2.get("Linkedid"));
            assertEquals("<unknown>", or.get("CallerIDNum"));
        }
    }
}
