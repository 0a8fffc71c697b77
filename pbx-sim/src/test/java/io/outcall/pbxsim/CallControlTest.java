package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Duplicate ChannelId, CoreShowChannels, Hangup action, invalid channels, restart, kick. */
class CallControlTest {

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws Exception {
        // At 1/10 the Hold context's Wait(600) lasts a minute: held calls outlive a slow machine's test.
        pbx = PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(0.1).reorder(ReorderMode.off()).build());
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void duplicateChannelIdIsRefusedWhileTheFirstCallLivesOn() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, "+17065551236", "Hold", "first", "dup-id", "call-1");
            c.await(m -> m.isEvent("UserEvent") && "HoldStarted".equals(m.get("UserEvent")));
            SimulatorTestSupport.originate(c, "+17065551231", "DynamicIVR", "second", "dup-id", "call-2");
            assertEquals("Success", c.await(m -> "second".equals(m.get("ActionID")) && m.event() == null)
                    .get("Response"));
            var refused = c.await(m -> m.isEvent("OriginateResponse") && "second".equals(m.get("ActionID")));
            assertEquals("Failure", refused.get("Response"));
            assertEquals("0", refused.get("Reason"));
            assertEquals("dup-id", refused.get("Uniqueid"));

            c.send("Action: CoreShowChannels", "ActionID: csc");
            var done = c.await(m -> m.isEvent("CoreShowChannelsComplete") && "csc".equals(m.get("ActionID")));
            assertEquals("2", done.get("ListItems"), "the live call is untouched");
            assertEquals(0, c.matching(m -> m.isEvent("Hangup")).size());
            assertEquals(0, c.matching(m -> m.isEvent("Newchannel")
                    && String.valueOf(m.get("Channel")).contains("+17065551231")).size());
        }
    }

    @Test
    void coreShowChannelsDuringCallThenHangupWithCause() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, "+17065552226", "Hold", "held", "held-2", "held-2");
            c.await(m -> m.isEvent("UserEvent") && "HoldStarted".equals(m.get("UserEvent")));

            c.send("Action: CoreShowChannels", "ActionID: csc-1");
            var start = c.await(m -> "csc-1".equals(m.get("ActionID")) && m.event() == null);
            assertEquals("start", start.get("EventList"));
            assertEquals("Channels will follow", start.get("Message"));
            c.await(m -> m.isEvent("CoreShowChannelsComplete") && "csc-1".equals(m.get("ActionID")));
            var items = c.matching(m -> m.isEvent("CoreShowChannel"));
            assertEquals(2, items.size());
            assertEquals("held-2;2", items.get(0).get("Uniqueid"));
            assertEquals("held-2", items.get(1).get("Uniqueid"));
            assertEquals("Wait", items.get(1).get("Application"));
            assertEquals("Hold", items.get(1).get("Context"));
            items.forEach(i -> assertEquals("held-2", i.get("Linkedid")));
            items.forEach(i -> assertTrue(i.get("Duration").matches("\\d\\d:\\d\\d:\\d\\d")));
            assertEquals(null, items.get(0).get("Privilege"), "list items carry no Privilege header");

            String channel = items.get(1).get("Channel");
            c.send("Action: Hangup", "Channel: " + channel, "Cause: 17", "ActionID: ami-hangup-cause17");
            assertEquals("Channel Hungup", c.await(m -> "ami-hangup-cause17".equals(m.get("ActionID")))
                    .get("Message"));
            var h1 = c.await(m -> m.isEvent("Hangup") && "held-2".equals(m.get("Uniqueid")));
            var h2 = c.await(m -> m.isEvent("Hangup") && "held-2;2".equals(m.get("Uniqueid")));
            assertEquals("17", h1.get("Cause"));
            assertEquals("User busy", h1.get("Cause-txt"));
            assertEquals("17", h2.get("Cause"));

            c.send("Action: Hangup", "Channel: " + channel, "ActionID: ami-hangup-gone");
            var gone = c.await(m -> "ami-hangup-gone".equals(m.get("ActionID")));
            assertEquals("Error", gone.get("Response"));
            assertEquals("No such channel", gone.get("Message"));

            c.send("Action: CoreShowChannels", "ActionID: csc-2-empty");
            assertEquals("0", c.await(m -> m.isEvent("CoreShowChannelsComplete")
                    && "csc-2-empty".equals(m.get("ActionID"))).get("ListItems"));
        }
    }

    @Test
    void invalidChannelsAnswerAsInTrace11() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            c.send("Action: Originate", "Channel: Foo/+17065551231", "Context: DynamicIVR", "Exten: s",
                    "Priority: 1", "Async: true", "ActionID: bad-tech-async");
            assertEquals("Originate successfully queued", c.await(m -> "bad-tech-async".equals(m.get("ActionID"))
                    && m.event() == null).get("Message"));
            var or = c.await(m -> m.isEvent("OriginateResponse") && "bad-tech-async".equals(m.get("ActionID")));
            assertEquals("Failure", or.get("Response"));
            assertEquals("0", or.get("Reason"));
            assertEquals("Foo/+17065551231", or.get("Channel"));
            assertEquals("<unknown>", or.get("Uniqueid"));

            c.send("Action: Originate", "Channel: Foo/+17065551231", "Context: DynamicIVR", "Exten: s",
                    "Priority: 1", "Async: false", "ActionID: bad-tech-sync");
            assertEquals("Originate failed", c.await(m -> "bad-tech-sync".equals(m.get("ActionID"))).get("Message"));

            c.send("Action: Originate", "Channel: garbage", "Context: DynamicIVR", "Exten: s", "Priority: 1",
                    "Async: true", "ActionID: no-slash");
            assertEquals("Invalid channel", c.await(m -> "no-slash".equals(m.get("ActionID"))).get("Message"));

            c.send("Action: Originate", "Context: DynamicIVR", "Exten: s", "Priority: 1", "ActionID: no-channel");
            assertEquals("Channel not specified", c.await(m -> "no-channel".equals(m.get("ActionID")))
                    .get("Message"));

            c.send("Action: Originate", "Channel: Local/123@nosuchcontext", "Context: DynamicIVR", "Exten: s",
                    "Priority: 1", "Async: true", "ActionID: bad-local-ctx");
            var ctxOr = c.await(m -> m.isEvent("OriginateResponse") && "bad-local-ctx".equals(m.get("ActionID")));
            assertEquals("Local/123@nosuchcontext", ctxOr.get("Channel"));
            assertEquals("0", ctxOr.get("Reason"));
            c.awaitCount(m -> m.isEvent("Hangup") && "0".equals(m.get("Cause"))
                    && String.valueOf(m.get("Channel")).startsWith("Local/123@nosuchcontext-"), 2);
            c.awaitCount(m -> m.isEvent("DeviceStateChange") && "INVALID".equals(m.get("State")), 2);
        }
    }

    @Test
    void synchronousOriginateAnswersAfterTheCallIsUpAndSendsNoOriginateResponse() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            c.send("Action: Originate", "Channel: Local/+17065552221@outbound", "Context: Hold", "Exten: s",
                    "Priority: 1", "Async: false", "ActionID: sync-answered", "Variable: CALL_ID=sync-1");
            c.await(m -> "sync-answered".equals(m.get("ActionID")) && m.event() == null);
            c.await(m -> m.isEvent("UserEvent"));
            var all = c.all();
            int response = all.indexOf(c.await(m -> "sync-answered".equals(m.get("ActionID"))));
            int firstNewchannel = all.indexOf(c.await(m -> m.isEvent("Newchannel")));
            assertTrue(response < firstNewchannel, "events of a sync originate come after its response");
            assertEquals(0, c.matching(m -> m.isEvent("OriginateResponse")).size());
        }
    }

    @Test
    void restartEmitsShutdownClosesAndReconnectGetsFreshBoot() throws Exception {
        long restartedAt;
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, "+17065551236", "Hold", "held", null, "held-1");
            c.await(m -> m.isEvent("UserEvent"));
            restartedAt = System.nanoTime();
            pbx.restart();
            assertTrue(c.awaitClosed(), "Asterisk closes every session after Shutdown");
            c.awaitCount(m -> m.isEvent("SoftHangupRequest") && "4".equals(m.get("Cause")), 2);
            c.awaitCount(m -> m.isEvent("Hangup") && "0".equals(m.get("Cause")), 2);
            var shutdown = c.await(m -> m.isEvent("Shutdown"));
            assertEquals("Cleanly", shutdown.get("Shutdown"));
            assertEquals("True", shutdown.get("Restart"));
            var all = c.all();
            assertEquals("Shutdown", all.get(all.size() - 1).event(), "Shutdown is the last thing sent");
        }
        try (RawAmiClient again = RawAmiClient.connect(pbx.port())) {
            assertEquals("Asterisk Call Manager/11.0.0", again.banner());
            again.login();
            long uptime = Long.parseLong(again.await(m -> m.isEvent("FullyBooted")).get("Uptime"));
            long sinceRestart = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restartedAt);
            assertTrue(uptime <= sinceRestart, "uptime counts from the restart: " + uptime + " s, restarted "
                    + sinceRestart + " s ago");
            again.send("Action: CoreShowChannels", "ActionID: csc-after-restart");
            assertEquals("0", again.await(m -> m.isEvent("CoreShowChannelsComplete")).get("ListItems"));
            SimulatorTestSupport.originate(again, "+17065551232", "DynamicIVR", "after", null, "after");
            var nc = again.await(m -> m.isEvent("Newchannel"));
            assertTrue(nc.get("Channel").endsWith("-00000000;1"), "channel numbering starts over: " + nc.get("Channel"));
        }
    }

    @Test
    void dropConnectionsClosesSocketsWithoutAWord() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            pbx.dropConnections();
            assertTrue(c.awaitClosed());
            // Messages already on their way may still land; what a kick never sends is a goodbye.
            assertTrue(c.all().stream().noneMatch(m -> "Goodbye".equals(m.get("Response")) || m.isEvent("Shutdown")),
                    "closed without Goodbye or Shutdown");
        }
        try (RawAmiClient again = RawAmiClient.connect(pbx.port())) {
            again.login();
        }
    }
}
