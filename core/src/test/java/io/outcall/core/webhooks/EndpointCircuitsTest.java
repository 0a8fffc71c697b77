package io.outcall.core.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointCircuitsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Duration PROBE = Duration.ofSeconds(10);
    private final EndpointCircuits circuits = new EndpointCircuits(PROBE, new RetrySchedule(new SplittableRandom(3)));

    private EndpointCircuits.Decision decide(Instant at) {
        return circuits.decide("ep-1", at);
    }

    private void failThreeTimes(Instant at) {
        for (int i = 0; i < EndpointCircuits.THRESHOLD; i++) {
            circuits.failed("ep-1", false, at);
        }
    }

    @Test
    void failuresBelowTheThresholdOrBrokenBySuccessKeepSending() {
        circuits.failed("ep-1", false, T0);
        circuits.failed("ep-1", false, T0);
        assertEquals(new EndpointCircuits.Send(false), decide(T0));
        circuits.succeeded("ep-1");
        circuits.failed("ep-1", false, T0);
        circuits.failed("ep-1", false, T0);
        assertEquals(new EndpointCircuits.Send(false), decide(T0), "the success started the count again");
    }

    @Test
    void anOpenCircuitHoldsDeliveriesUntilItEndsThenLetsExactlyOneProbeThrough() {
        failThreeTimes(T0);
        var held = assertInstanceOf(EndpointCircuits.Hold.class, decide(T0.plusMillis(100)));
        assertTrue(held.delay().compareTo(Duration.ofSeconds(1)) >= 0 && held.delay().toMillis() <= 7_500,
                "held past the first backoff (2.5-5 s), spread by up to half again: " + held.delay());
        assertEquals(new EndpointCircuits.Send(false), circuits.decide("ep-2", T0), "other endpoints are not held");

        Instant later = T0.plus(RetrySchedule.FIRST);
        assertEquals(new EndpointCircuits.Send(true), decide(later));
        assertInstanceOf(EndpointCircuits.Hold.class, decide(later), "one probe at a time");
        assertInstanceOf(EndpointCircuits.Hold.class, decide(later.plus(PROBE).minusMillis(1)));
        assertEquals(new EndpointCircuits.Send(true), decide(later.plus(PROBE)),
                "a probe that never reported frees the way once its allowance is over");
    }

    @Test
    void eachFailedProbeDoublesTheWaitAndASuccessfulOneClosesTheCircuit() {
        failThreeTimes(T0);
        Instant at = T0;
        long previousCeiling = 0;
        for (int opening = 2; opening <= 5; opening++) {
            at = at.plus(RetrySchedule.LONGEST);
            assertEquals(new EndpointCircuits.Send(true), decide(at));
            circuits.failed("ep-1", true, at);
            long ceiling = RetrySchedule.FIRST.toMillis() << (opening - 1);
            Duration open = openFor(at, ceiling);
            assertTrue(open.toMillis() >= ceiling / 2 && open.toMillis() <= ceiling, opening + ": " + open);
            assertTrue(ceiling > previousCeiling);
            previousCeiling = ceiling;
        }
        at = at.plus(RetrySchedule.LONGEST);
        assertEquals(new EndpointCircuits.Send(true), decide(at));
        circuits.succeeded("ep-1");
        assertEquals(new EndpointCircuits.Send(false), decide(at));
    }

    /** How long the circuit holds after {@code at}, found by asking at each second up to the ceiling. */
    private Duration openFor(Instant at, long ceilingMillis) {
        for (long ms = 0; ms <= ceilingMillis + 1000; ms += 250) {
            if (decide(at.plusMillis(ms)) instanceof EndpointCircuits.Send) {
                return Duration.ofMillis(ms);
            }
        }
        throw new AssertionError("still open " + ceilingMillis + " ms after the failed probe");
    }

    @Test
    void aStrayFailureFromBeforeTheCircuitOpenedDoesNotLengthenIt() {
        failThreeTimes(T0);
        for (int i = 0; i < 20; i++) {
            circuits.failed("ep-1", false, T0);
        }
        assertEquals(new EndpointCircuits.Send(true), decide(T0.plus(RetrySchedule.FIRST)),
                "still the first backoff, not one grown by 20 failures");
    }

    @Test
    void aProbeThatMadeNoAttemptLetsTheNextDeliveryProbe() {
        failThreeTimes(T0);
        Instant later = T0.plus(RetrySchedule.FIRST);
        assertEquals(new EndpointCircuits.Send(true), decide(later));
        circuits.probeUnused("ep-1", later);
        assertEquals(new EndpointCircuits.Send(true), decide(later));
    }
}
