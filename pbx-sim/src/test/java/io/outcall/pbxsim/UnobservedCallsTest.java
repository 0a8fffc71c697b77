package io.outcall.pbxsim;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call to one of {@link SimulatorConfig#unobservedNumbers()} sends nothing but its
 * OriginateResponse, as when manager.conf filters a call's events: it lives all the same, and
 * CoreShowChannels lists it until it ends.
 */
class UnobservedCallsTest {

    private static final String UNOBSERVED = "+17065551236"; // answers at once, then waits

    @Test
    void onlyItsOriginateResponseIsSentWhileCoreShowChannelsListsItUntilItEnds() throws Exception {
        try (PbxSimulator pbx = PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(0.1)
                .unobservedNumbers(Set.of(UNOBSERVED)).build());
             RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, UNOBSERVED, "Hold", "quiet", "quiet-call", "quiet-call");
            var response = c.await(m -> m.isEvent("OriginateResponse") && "quiet".equals(m.get("ActionID")));
            assertEquals("Success", response.get("Response"));
            assertEquals("4", response.get("Reason"));
            // An observed call after it: its events arrive, so the quiet call's would have too.
            SimulatorTestSupport.originate(c, "+17065551232", "Hold", "heard", "heard-call", "heard-call");
            c.await(m -> m.isEvent("Hangup") && "heard-call;2".equals(m.get("Uniqueid")));

            c.send("Action: CoreShowChannels", "ActionID: csc-live");
            assertEquals("2", c.await(m -> m.isEvent("CoreShowChannelsComplete") && "csc-live".equals(m.get("ActionID")))
                    .get("ListItems"), "both halves of the quiet call live");
            String channel = c.await(m -> m.isEvent("CoreShowChannel") && "quiet-call".equals(m.get("Uniqueid")))
                    .get("Channel");

            c.send("Action: Hangup", "Channel: " + channel, "ActionID: hang-up-quiet");
            assertEquals("Success", c.await(m -> "hang-up-quiet".equals(m.get("ActionID"))).get("Response"));
            c.send("Action: CoreShowChannels", "ActionID: csc-gone");
            assertEquals("0", c.await(m -> m.isEvent("CoreShowChannelsComplete") && "csc-gone".equals(m.get("ActionID")))
                    .get("ListItems"));

            // Round trips after the Hangup: anything it emitted would be here by now.
            c.send("Action: Ping", "ActionID: last");
            c.await(m -> "last".equals(m.get("ActionID")));
            assertTrue(c.matching(m -> m.event() != null && !m.isEvent("CoreShowChannel")
                            && ("quiet-call".equals(m.get("Linkedid")) || "quiet-call".equals(m.get("DestLinkedid"))))
                    .isEmpty(), "no event of the quiet call");
            assertEquals(1, c.matching(m -> m.event() != null && "quiet".equals(m.get("ActionID"))).size(),
                    "its OriginateResponse, once");
        }
    }
}
