package io.outcall.bridge.originate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.outcall.bridge.originate.Pacer.Verdict.GO;
import static io.outcall.bridge.originate.Pacer.Verdict.WAIT_GLOBAL;
import static io.outcall.bridge.originate.Pacer.Verdict.WAIT_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void theGlobalRateAllowsOneSecondsWorthThenRefills() {
        Pacer pacer = new Pacer(10, 1_000, 1_000, 1_000, now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(GO, pacer.tryStart("t" + i));
        }
        assertEquals(WAIT_GLOBAL, pacer.tryStart("t"));
        assertTrue(pacer.nanosUntilGlobalToken() > 0);
        advanceMillis(100);
        assertEquals(GO, pacer.tryStart("t"));
        assertEquals(WAIT_GLOBAL, pacer.tryStart("t"));
    }

    @Test
    void concurrentCallsAreCappedAndFreedWhenCallsEnd() {
        Pacer pacer = new Pacer(1_000, 2, 1_000, 1_000, now::get);
        assertEquals(GO, pacer.tryStart("a"));
        assertEquals(GO, pacer.tryStart("b"));
        assertEquals(WAIT_GLOBAL, pacer.tryStart("c"));
        pacer.finished("a");
        assertEquals(GO, pacer.tryStart("c"));
        assertEquals(2, pacer.active());
    }

    @Test
    void callsTurnedAwayAreGivenTurnsAtTheirTenantsRate() {
        Pacer pacer = new Pacer(1_000, 1_000, 4, 1_000, now::get);
        assertEquals(Duration.ofMillis(250), pacer.untilTurn("busy"));
        assertEquals(Duration.ofMillis(500), pacer.untilTurn("busy"), "behind the one turned away before it");
        assertEquals(Duration.ofMillis(250), pacer.untilTurn("other"), "each tenant has its own turns");
        advanceMillis(400);
        assertEquals(Duration.ofMillis(350), pacer.untilTurn("busy"), "turns stay where they were given");
        advanceMillis(5_000);
        assertEquals(Duration.ofMillis(250), pacer.untilTurn("busy"), "turns long past do not count");
    }

    @Test
    void aTenantAtItsLimitDoesNotHoldUpOthers() {
        Pacer pacer = new Pacer(1_000, 1_000, 2, 1, now::get);
        assertEquals(GO, pacer.tryStart("busy-tenant"));
        assertEquals(WAIT_TENANT, pacer.tryStart("busy-tenant"), "one concurrent call per tenant");
        assertEquals(GO, pacer.tryStart("other-tenant"));
        pacer.finished("busy-tenant");
        assertEquals(GO, pacer.tryStart("busy-tenant"));
        pacer.finished("busy-tenant");
        assertEquals(WAIT_TENANT, pacer.tryStart("busy-tenant"), "two calls per second per tenant");
        advanceMillis(500);
        assertEquals(GO, pacer.tryStart("busy-tenant"));
    }

    @Test
    void eachTenantIsPacedByTheLimitsItsCallsBring() {
        Pacer pacer = new Pacer(1_000, 1_000, 1, 1, now::get);
        Pacer.TenantLimits big = new Pacer.TenantLimits(3, 2);
        assertEquals(GO, pacer.tryStart("big", big));
        assertEquals(GO, pacer.tryStart("big", big), "two concurrent calls, not the default one");
        assertEquals(WAIT_TENANT, pacer.tryStart("big", big), "but not three");
        assertEquals(GO, pacer.tryStart("small"));
        assertEquals(WAIT_TENANT, pacer.tryStart("small"), "a version-1 call: the defaults");
        assertEquals(Duration.ofMillis(333), pacer.untilTurn("big").truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                "turns spaced at the tenant's own rate");
        assertEquals(Duration.ofSeconds(1), pacer.untilTurn("small"));
    }

    @Test
    void aTenantWhoseLimitsChangeIsPacedByTheNewOnes() {
        Pacer pacer = new Pacer(1_000, 1_000, 1, 1, now::get);
        assertEquals(GO, pacer.tryStart("t", new Pacer.TenantLimits(1, 10)));
        pacer.finished("t");
        assertEquals(WAIT_TENANT, pacer.tryStart("t", new Pacer.TenantLimits(1, 10)), "one per second");
        assertEquals(WAIT_TENANT, pacer.tryStart("t", new Pacer.TenantLimits(5, 10)),
                "a raised rate starts from the tokens the tenant had, no fresh burst");
        advanceMillis(200);
        assertEquals(GO, pacer.tryStart("t", new Pacer.TenantLimits(5, 10)), "then refills at the new rate");
    }
}
