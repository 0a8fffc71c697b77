package io.outcall.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./run-local token} grants the roles of the "Who may do what", and refuses what makes no sense. */
class LocalOptionsTest {

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
