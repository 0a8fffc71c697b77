package io.outcall.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./run-local's options: {@code token} grants the roles of the "Who may do what" and refuses
 * what makes no sense; the Invoke API's port, and {@code invoke}'s short form.
 */
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

    @Test
    void aTenantTokenMayCallAnAdminTokenAlsoManagesItsTenant() {
        TokenGrant calls = LocalOptions.parse(new String[] {"token", "--tenant", "acme"}).token();
        assertEquals(List.of("outcall/calls"), calls.scopes());
        assertEquals("acme", calls.tenant());
        TokenGrant admin = LocalOptions.parse(new String[] {"token", "--tenant", "acme", "--admin"}).token();
        assertEquals(List.of("outcall/calls", "outcall/admin"), admin.scopes());
    }

    @Test
    void aPlatformTokenNeedsNoTenant() {
        TokenGrant platform = LocalOptions.parse(new String[] {"token", "--platform"}).token();
        assertEquals(List.of("outcall/platform"), platform.scopes());
        assertNull(platform.tenant());
        assertEquals(List.of("outcall/calls", "outcall/platform"),
                LocalOptions.parse(new String[] {"token", "--platform", "--tenant", "ops"}).token().scopes());
    }

    @Test
    void refusesATokenForNobodyAnAdminOfNoTenantAndStrayArguments() {
        assertRefused("--tenant T", "token");
        assertRefused("--admin needs --tenant", "token", "--admin");
        assertRefused("--tenant needs a value", "token", "--tenant");
        assertRefused("not '--port'", "token", "--tenant", "acme", "--port", "1");
        assertNull(LocalOptions.parse(new String[] {"--in-memory"}).token());
    }

    @Test
    void theUsageNamesEveryTokenOption() {
        for (String option : List.of("--tenant T", "--admin", "--platform", "SCOPE_CLAIM", "JWT_AUDIENCE", "outcall/platform")) {
            assertTrue(LocalOptions.USAGE.contains(option), option);
        }
    }

    private static void assertRefused(String why, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(args));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
