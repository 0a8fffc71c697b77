package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginAndBasicsTest {

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws Exception {
        pbx = SimulatorTestSupport.fastSimulator(ReorderMode.off());
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void bannerAndSuccessfulLoginAsInTrace01() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            assertEquals("Asterisk Call Manager/11.0.0", c.banner());
            c.send("Action: Login", "Username: admin", "Secret: admin_password", "Events: on", "ActionID: login-1");
            c.await(m -> m.isEvent("SuccessfulAuth"));
            var all = c.all();
            assertEquals("Success", all.get(0).get("Response"));
            assertEquals("login-1", all.get(0).get("ActionID"));
            assertEquals("Authentication accepted", all.get(0).get("Message"));
            assertEquals("FullyBooted", all.get(1).event());
            assertEquals("Fully Booted", all.get(1).get("Status"));
            assertEquals("SuccessfulAuth", all.get(2).event());
            assertEquals("admin", all.get(2).get("AccountID"));
            // byte-exact start of the stream: banner line then CRLF-separated headers, as in 01-answered-ivr.txt
            String raw = new String(c.rawBytes(), StandardCharsets.UTF_8);
            assertTrue(raw.startsWith("Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: login-1\r\n"
                    + "Message: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\n"), raw);
        }
    }

    @Test
    void wrongSecretIsRefusedThenClosed() throws Exception {
        try (RawAmiClient monitor = RawAmiClient.connect(pbx.port());
             RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            monitor.login();
            c.send("Action: Login", "Username: admin", "Secret: wrong_password", "Events: on",
                    "ActionID: bad-login-1");
            var response = c.await(m -> "bad-login-1".equals(m.get("ActionID")));
            assertEquals("Error", response.get("Response"));
            assertEquals("Authentication failed", response.get("Message"));
            assertTrue(c.awaitClosed(), "Asterisk closes the socket after a failed login");
            assertEquals("admin", monitor.await(m -> m.isEvent("InvalidPassword")).get("AccountID"));
        }
    }

    @Test
    void unknownUserIsRefusedThenClosed() throws Exception {
        try (RawAmiClient monitor = RawAmiClient.connect(pbx.port());
             RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            monitor.login();
            c.send("Action: Login", "Username: nosuchuser", "Secret: whatever", "ActionID: bad-login-2");
            var response = c.await(m -> "bad-login-2".equals(m.get("ActionID")));
            assertEquals("Authentication failed", response.get("Message"));
            assertTrue(c.awaitClosed());
            assertEquals("nosuchuser", monitor.await(m -> m.isEvent("InvalidAccountID")).get("AccountID"));
        }
    }

    @Test
    void actionsBeforeLoginAreDeniedAndConnectionStaysOpen() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.send("Action: Ping", "ActionID: ping-before-login");
            c.send("Action: Originate", "Channel: Local/+17065551231@outbound", "Context: DynamicIVR", "Exten: s",
                    "Priority: 1", "ActionID: orig-before-login");
            assertEquals("Permission denied", c.await(m -> "ping-before-login".equals(m.get("ActionID")))
                    .get("Message"));
            assertEquals("Error", c.await(m -> "orig-before-login".equals(m.get("ActionID"))).get("Response"));
            c.login(); // still usable
        }
    }

    @Test
    void md5ChallengeLoginAsAsteriskJavaDoesIt() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.send("Action: Challenge", "AuthType: MD5", "ActionID: ch-1");
            String challenge = c.await(m -> "ch-1".equals(m.get("ActionID"))).get("Challenge");
            assertNotNull(challenge);
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((challenge + "admin_password").getBytes(StandardCharsets.UTF_8)));
            c.send("Action: Login", "Username: admin", "AuthType: MD5", "Key: " + key, "ActionID: md5-login");
            assertEquals("Authentication accepted", c.await(m -> "md5-login".equals(m.get("ActionID")))
                    .get("Message"));
        }
    }

    @Test
    void pingPongUnknownActionAndLogoff() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            c.send("Action: Ping", "ActionID: ping-1");
            var pong = c.await(m -> "ping-1".equals(m.get("ActionID")));
            assertEquals("Success", pong.get("Response"));
            assertEquals("Pong", pong.get("Ping"));
            assertTrue(pong.get("Timestamp").matches("\\d+\\.\\d{6}"), pong.get("Timestamp"));

            c.send("Action: NoSuchAction", "ActionID: bad-action");
            var bad = c.await(m -> "bad-action".equals(m.get("ActionID")));
            assertEquals("Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available "
                    + "commands.", bad.get("Message"));
            c.await(m -> m.isEvent("RequestBadFormat"));

            c.send("Action: Logoff", "ActionID: logoff-1");
            var bye = c.await(m -> "logoff-1".equals(m.get("ActionID")));
            assertEquals("Goodbye", bye.get("Response"));
            assertEquals("Thanks for all the fish.", bye.get("Message"));
            assertTrue(c.awaitClosed());
        }
    }

    @Test
    void eventsOffSessionGetsResponsesButNoCallEvents() throws Exception {
        try (RawAmiClient quiet = RawAmiClient.connect(pbx.port());
             RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            quiet.send("Action: Login", "Username: admin", "Secret: admin_password", "Events: off",
                    "ActionID: quiet");
            quiet.await(m -> "quiet".equals(m.get("ActionID")));
            c.login();
            SimulatorTestSupport.originate(c, "+17065551232", "DynamicIVR", "o-1", null, "c-1");
            c.await(m -> m.isEvent("OriginateResponse"));
            quiet.send("Action: Ping", "ActionID: p");
            quiet.await(m -> "p".equals(m.get("ActionID")));
            assertFalse(quiet.all().stream().anyMatch(m -> m.isEvent("Newchannel")));
        }
    }
}
