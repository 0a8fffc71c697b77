package io.outcall.bridge;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeConfigTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("AMI_HOST", "127.0.0.1");
        env.put("AMI_USER", "bridge");
        env.put("AMI_PASSWORD", "s3cret-value");
        env.put("ORIGINATE_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/OriginateQueue");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    @Test
    void defaultsFillWhatIsOptional() {
        BridgeConfig config = BridgeConfig.fromEnvironment(complete());
        assertEquals(5038, config.amiPort());
        assertEquals("Local/{number}@outbound", config.dialString());
        assertEquals("CallsTable", config.callsTable());
    }

    @Test
    void everyMissingVariableIsNamedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BridgeConfig.fromEnvironment(Map.of()));
        for (String name : new String[] {"AMI_HOST", "AMI_USER", "AMI_PASSWORD", "ORIGINATE_QUEUE_URL", "AWS_REGION"}) {
            assertTrue(e.getMessage().contains(name + " is not set"), e.getMessage());
        }
    }

    @Test
    void aMalformedValueIsNamedWithWhatWasExpected() {
        Map<String, String> env = complete();
        env.put("AMI_PORT", "70000");
        env.put("CALLS_PER_SECOND", "-3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BridgeConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains("AMI_PORT is '70000'; expected a TCP port"), e.getMessage());
        assertTrue(e.getMessage().contains("CALLS_PER_SECOND is '-3'; expected a positive number"), e.getMessage());
    }

    @Test
    void aDialStringWithoutTheNumberIsRefused() {
        Map<String, String> env = complete();
        env.put("DIAL_STRING", "PJSIP/trunk");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BridgeConfig.fromEnvironment(env))
                .getMessage().contains("DIAL_STRING must contain {number}"));
    }

    @Test
    void quietCallsAreAskedAboutAfterAMinuteUnlessToldOtherwise() {
        assertEquals(java.time.Duration.ofSeconds(60), BridgeConfig.fromEnvironment(complete()).quietCallAfter());
        Map<String, String> env = complete();
        env.put("QUIET_CALL_SECONDS", "300");
        assertEquals(java.time.Duration.ofSeconds(300), BridgeConfig.fromEnvironment(env).quietCallAfter());
        env.put("QUIET_CALL_SECONDS", "0");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BridgeConfig.fromEnvironment(env)).getMessage()
                .contains("QUIET_CALL_SECONDS is '0'; expected a positive whole number of seconds"));
    }

    @Test
    void thePasswordNeverAppearsInTheLoggedForm() {
        assertFalse(BridgeConfig.fromEnvironment(complete()).toString().contains("s3cret-value"));
    }
}
