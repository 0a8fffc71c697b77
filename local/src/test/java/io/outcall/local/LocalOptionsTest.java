package io.outcall.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Invoke API's options: its port, and ./run-local invoke's short form. */
class LocalOptionsTest {

    @Test
    void theInvokeApiListensOn3001UnlessToldOtherwise() {
        assertEquals(3001, LocalOptions.parse(new String[0]).lambdaPort());
        assertEquals(4001, LocalOptions.parse(new String[] {"--lambda-port", "4001"}).lambdaPort());
        assertNull(LocalOptions.parse(new String[0]).invoke());
        var e = assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[] {"--lambda-port", "0"}));
        assertTrue(e.getMessage().contains("--lambda-port"), e.getMessage());
    }

    @Test
    void webhookEchoListensOn8090UnlessToldOtherwise() {
        assertNull(LocalOptions.parse(new String[0]).webhookEchoPort());
        assertEquals(8090, LocalOptions.parse(new String[] {"webhook-echo"}).webhookEchoPort());
        assertEquals(9000, LocalOptions.parse(new String[] {"webhook-echo", "--echo-port", "9000"}).webhookEchoPort());
    }

    @Test
    void invokeTakesAFunctionAPayloadAndAnInvocationType() {
        LocalOptions options = LocalOptions.parse(new String[] {"invoke", "JourneyCallStatusFunction", "--payload",
                "{\"tenantId\":\"demo\"}", "--invocation-type", "Event", "--lambda-port", "4001"});
        assertEquals(new LocalOptions.Invoke("JourneyCallStatusFunction", "{\"tenantId\":\"demo\"}", "Event"), options.invoke());
        assertEquals(4001, options.lambdaPort());
        assertEquals(new LocalOptions.Invoke("QueuedCallSweepFunction", "{}", "RequestResponse"),
                LocalOptions.parse(new String[] {"invoke", "QueuedCallSweepFunction"}).invoke());
        assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[] {"invoke", "--payload", "{}"}));
        assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(new String[] {"--payload", "{}"}));
    }
}
