package io.outcall.core.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which endpoints this sender has seen failing. After {@value #THRESHOLD} attempts in a row fail, an
 * endpoint's circuit opens for a backoff that doubles with each failed probe (from 5 s up to SQS's
 * 15-minute delay, half of it random). While it is open, the endpoint's deliveries wait on the queue
 * without an attempt and without a read or write of the store; when it ends, one delivery goes
 * through as the probe, and its success closes the circuit. So a dead endpoint costs one attempt
 * per backoff instead of one per delivery, and leaves the capacity to the endpoints that answer.
 *
 * <p>Kept per sender instance (a Lambda container): each one learns on its own, within
 * {@value #THRESHOLD} attempts, and forgets when it ends. A single event a receiver keeps refusing
 * does not open it while the endpoint's other deliveries succeed.
 */
public final class EndpointCircuits {

    /** Failed attempts in a row that open an endpoint's circuit. */
    public static final int THRESHOLD = 3;

    private final Duration probeAllowance;
    private final RetrySchedule schedule;
    private final ConcurrentHashMap<String, Circuit> circuits = new ConcurrentHashMap<>();

    /** What to do with a delivery now. */
    public sealed interface Decision {
    }

    /** Attempt it; {@code probe} when it tests an open circuit (report its result with the same flag). */
    public record Send(boolean probe) implements Decision {
    }

    /** Put it back on the queue for {@code delay}: the endpoint's circuit is open. */
    public record Hold(Duration delay) implements Decision {
    }

    /** @param failures failed attempts in a row; @param openings failed probes since the circuit opened, plus one */
    private record Circuit(int failures, int openings, Instant openUntil) {
        boolean open() {
            return openings > 0;
        }
    }

    /**
     * @param probeAllowance how long a probe may take (the attempt timeout): other deliveries wait that long
     *                       before another probe may go
     */
    public EndpointCircuits(Duration probeAllowance, RetrySchedule schedule) {
        this.probeAllowance = probeAllowance;
        this.schedule = schedule;
    }

    public Decision decide(String endpointId, Instant now) {
        Decision[] decision = {new Send(false)};
        circuits.computeIfPresent(endpointId, (id, c) -> {
            if (!c.open()) {
                return c;
            }
            if (now.isBefore(c.openUntil())) {
                decision[0] = new Hold(schedule.spreadAfter(Duration.between(now, c.openUntil())));
                return c;
            }
            decision[0] = new Send(true);
            return new Circuit(c.failures(), c.openings(), now.plus(probeAllowance));
        });
        return decision[0];
    }

    public void succeeded(String endpointId) {
        circuits.remove(endpointId);
    }

    /** A failed attempt at {@code now}; one that began before the circuit opened does not lengthen it. */
    public void failed(String endpointId, boolean probe, Instant now) {
        circuits.compute(endpointId, (id, c) -> {
            Circuit circuit = c == null ? new Circuit(0, 0, now) : c;
            if (circuit.open() && !probe) {
                return circuit;
            }
            int failures = circuit.failures() + 1;
            if (failures < THRESHOLD) {
                return new Circuit(failures, 0, now);
            }
            int openings = circuit.openings() + 1;
            return new Circuit(failures, openings, now.plus(schedule.delayAfter(openings)));
        });
    }

    /** The probe ended without an attempt (a duplicate, a deleted endpoint, ...): the next delivery may probe. */
    public void probeUnused(String endpointId, Instant now) {
        circuits.computeIfPresent(endpointId, (id, c) -> c.open() ? new Circuit(c.failures(), c.openings(), now) : c);
    }
}
