package io.outcall.core.webhooks;

import io.outcall.core.events.WebhookSignature;
import io.outcall.core.tenant.AuditEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one attempt of one delivery and decides what follows: done on a 2xx; otherwise the next
 * attempt goes back on the queue with a backoff delay, until 24 hours after the delivery began,
 * when it is given up and the endpoint marked failing (turned off after 3 days of that). Every
 * attempt is recorded. An endpoint that keeps failing has its deliveries held back on the queue,
 * unattempted, while its circuit is open ({@link EndpointCircuits}). The URL is checked again before
 * each attempt (DNS can change), the request is signed with every current secret, and nothing here
 * logs a secret or a body.
 */
public final class WebhookSender {

    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration attemptTimeout;

    public enum Outcome { DELIVERED, RETRYING, GAVE_UP, HELD, DUPLICATE, SUPERSEDED, ENDPOINT_GONE }

    private final WebhookEndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final WebhookQueue queue;
    private final WebhookTransport transport;
    private final EndpointAddressGuard guard;
    private final RetrySchedule retries;
    private final Clock clock;
    private final EndpointCircuits circuits;

    public WebhookSender(WebhookEndpointStore endpoints, DeliveryStore deliveries, WebhookQueue queue,
                         WebhookTransport transport, EndpointAddressGuard guard, RetrySchedule retries, Clock clock) {
        this(endpoints, deliveries, queue, transport, guard, retries, clock, ATTEMPT_TIMEOUT);
    }

    /** @param attemptTimeout how long one attempt may take; 10 s but in tests */
    public WebhookSender(WebhookEndpointStore endpoints, DeliveryStore deliveries, WebhookQueue queue,
                         WebhookTransport transport, EndpointAddressGuard guard, RetrySchedule retries, Clock clock,
                         Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.queue = queue;
        this.transport = transport;
        this.guard = guard;
        this.retries = retries;
        this.clock = clock;
        this.circuits = new EndpointCircuits(attemptTimeout, retries);
    }

    public Outcome send(DeliveryMessage message) {
        Instant now = clock.instant();
        EndpointCircuits.Decision decision = retries.givesUp(message.firstQueuedAt(), now)
                ? new EndpointCircuits.Send(false) : circuits.decide(message.endpointId(), now);
        if (decision instanceof EndpointCircuits.Hold hold) {
            return hold(message, hold.delay(), now);
        }
        boolean probe = ((EndpointCircuits.Send) decision).probe();
        Outcome outcome = claimAndAttempt(message, now, probe);
        if (probe && outcome != Outcome.DELIVERED && outcome != Outcome.RETRYING && outcome != Outcome.GAVE_UP) {
            circuits.probeUnused(message.endpointId(), clock.instant());
        }
        return outcome;
    }

    /**
     * Back on the queue untried. The first time, the delivery is claimed, so the call lists it as pending
     * and a replayed stream record's copy is dropped; after that a held message costs no store request.
     */
    private Outcome hold(DeliveryMessage message, Duration delay, Instant now) {
        if (message.attempts() == 0 && !message.held() && deliveries.claim(message, now) != DeliveryStore.Claim.OWNED) {
            return Outcome.DUPLICATE;
        }
        queue.sendLater(message.heldBack(), delay);
        return Outcome.HELD;
    }

    private Outcome claimAndAttempt(DeliveryMessage message, Instant now, boolean probe) {
        DeliveryStore.Claim claim = deliveries.claim(message, now);
        if (claim != DeliveryStore.Claim.OWNED) {
            return Outcome.DUPLICATE;
        }
        Optional<WebhookEndpoint> found = endpoints.find(message.tenantId(), message.endpointId());
        if (found.isEmpty() || !found.get().active()) {
            deliveries.finish(message, DeliveryState.CANCELED, found.isEmpty() ? "endpoint deleted" : "endpoint inactive");
            return Outcome.ENDPOINT_GONE;
        }
        WebhookEndpoint endpoint = found.get();
        boolean ordered = message.statusRank() != DeliveryMessage.UNORDERED;
        if (ordered && !message.resend()
                && deliveries.deliveredRank(endpoint.endpointId(), message.callId()) >= message.statusRank()) {
            deliveries.finish(message, DeliveryState.SUPERSEDED, "a later status of the call was delivered first");
            return Outcome.SUPERSEDED;
        }
        DeliveryAttempt attempt = attempt(endpoint, message, now);
        if (attempt.statusCode() >= 200 && attempt.statusCode() < 300) {
            circuits.succeeded(endpoint.endpointId());
            deliveries.recordAttempt(message, attempt, DeliveryState.DELIVERED, null);
            if (ordered) {
                deliveries.delivered(endpoint.endpointId(), message.callId(), message.statusRank());
            }
            if (endpoint.failingSince() != null) {
                endpoints.save(endpoint.answering());
            }
            return Outcome.DELIVERED;
        }
        Instant after = clock.instant();
        circuits.failed(endpoint.endpointId(), probe, after);
        if (retries.givesUp(message.firstQueuedAt(), after)) {
            deliveries.recordAttempt(message, attempt, DeliveryState.FAILED, null);
            WebhookEndpoint failing = endpoint.gaveUpAt(after);
            if (endpoint.active() && !failing.active()) {
                endpoints.save(failing, new AuditEntry(failing.tenantId(), after, "platform", "webhook.disabled",
                        failing.endpointId(), List.of(new AuditEntry.Change("active", "true", "false"),
                        new AuditEntry.Change("disabledReason", null, failing.disabledReason()))));
            } else {
                endpoints.save(failing);
            }
            return Outcome.GAVE_UP;
        }
        Duration delay = retries.delayAfter(message.attempts() + 1);
        deliveries.recordAttempt(message, attempt, DeliveryState.PENDING, after.plus(delay));
        queue.sendLater(message.nextAttempt(), delay);
        return Outcome.RETRYING;
    }

    private DeliveryAttempt attempt(WebhookEndpoint endpoint, DeliveryMessage message, Instant now) {
        try {
            guard.check(endpoint.url());
        } catch (UnsafeEndpointException refused) {
            return new DeliveryAttempt(now, 0, 0, "refused: " + refused.getMessage());
        }
        WebhookSignature.Headers signed = WebhookSignature.sign(message.eventId(), now.getEpochSecond(), message.body(),
                endpoint.signingSecrets(now));
        long started = System.nanoTime();
        WebhookTransport.Response response = transport.post(endpoint.url(), Map.of("webhook-id", signed.id(),
                "webhook-timestamp", Long.toString(signed.timestamp()), "webhook-signature", signed.signature()),
                message.body(), attemptTimeout);
        long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String error = response.error() != null ? response.error()
                : response.succeeded() ? null : "HTTP " + response.statusCode();
        return new DeliveryAttempt(now, response.statusCode(), latency, error);
    }
}
