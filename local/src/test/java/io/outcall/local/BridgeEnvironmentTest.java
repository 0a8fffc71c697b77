package io.outcall.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outcall.bridge.BridgeConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

/** What ./run-local --no-bridge prints is a complete bridge configuration, and never a real secret. */
class BridgeEnvironmentTest {

    private static Map<String, String> runLocalEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("CALLS_TABLE", "CallsTable");
        env.put("CALL_EVENTS_TABLE", "CallEventsTable");
        env.put("CALL_STATS_TABLE", "CallStatsTable");
        return env;
    }

    @Test
    void thePrintedEnvironmentAloneConfiguresABridgeForTheSimulator() {
        BridgeEnvironment bridge = BridgeEnvironment.of(runLocalEnvironment(), "http://127.0.0.1:9324/000000000000/OriginateQueue",
                "http://127.0.0.1:8000", "http://127.0.0.1:9324", 5038, 8081, false);

        BridgeConfig config = BridgeConfig.fromEnvironment(bridge.variables());
        assertEquals("127.0.0.1", config.amiHost());
        assertEquals(5038, config.amiPort());
        assertEquals(8081, config.healthPort());
        assertTrue(bridge.shellLines().contains("export AMI_PASSWORD=admin_password"));
        assertTrue(bridge.shellLines().contains("export ORIGINATE_QUEUE_URL=http://127.0.0.1:9324/000000000000/OriginateQueue"));
        assertTrue(bridge.shellLines().endsWith("java -jar ami-bridge/target/ami-bridge-*.jar"));
    }

    @Test
    void aRealAsteriskSecretIsNotPrinted() {
        Map<String, String> env = runLocalEnvironment();
        env.put("AMI_HOST", "10.0.0.5");
        env.put("AMI_PORT", "5038");
        env.put("AMI_USER", "bridge");
        env.put("AMI_PASSWORD", "real-secret");
        BridgeEnvironment bridge = BridgeEnvironment.of(env, "q", "d", "s", 5038, 8081, true);

        assertEquals("real-secret", bridge.variables().get("AMI_PASSWORD"));
        assertFalse(bridge.shellLines().contains("real-secret"));
        assertTrue(bridge.shellLines().contains("AMI_PASSWORD: already in your environment"));
    }

    @Test
    void noBridgeIsAnOption() {
        assertTrue(LocalOptions.parse(new String[] {"--in-memory", "--no-bridge"}).noBridge());
        assertFalse(LocalOptions.parse(new String[0]).noBridge());
    }
}
