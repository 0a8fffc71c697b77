package io.outcall.core.webhooks;

import io.outcall.core.call.CallStatus;
import io.outcall.core.events.AmdEvent;
import io.outcall.core.events.CallStatusEvent;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.validation.Violation;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A tenant's webhook endpoints: registered with a URL the guard accepts (checked again at every
 * send), the event types wanted and a secret the platform generates and shows once; changed,
 * rotated (the old secret keeps signing for 24 hours) and deleted, each change in the tenant's
 * audit (secrets never: only that one was made). A tenant has at most
 * {@link #MAX_ENDPOINTS}, which bounds the fan-out of every call event.
 */
public final class WebhookRegistry {

    public static final int MAX_ENDPOINTS = 20;
    public static final Set<String> EVENT_TYPES = eventTypes();

    /** An endpoint and its secret, returned only when the secret is new (creation, rotation). */
    public record Registered(WebhookEndpoint endpoint, WebhookSecret secret) {
    }

    /** What a request sets; a null member is left as it is (on an update) or defaulted (on creation). */
    public record Settings(String url, List<String> eventTypes, Boolean active) {
    }

    private final WebhookEndpointStore endpoints;
    private final EndpointAddressGuard guard;
    private final SecureRandom random;
    private final Clock clock;

    public WebhookRegistry(WebhookEndpointStore endpoints, EndpointAddressGuard guard, SecureRandom random, Clock clock) {
        this.endpoints = endpoints;
        this.guard = guard;
        this.random = random;
        this.clock = clock;
    }

    /** @param actor who asks (the token's subject), for the tenant's audit */
    public Registered register(String tenantId, String actor, Settings settings) {
        List<Violation> violations = new ArrayList<>();
        URI url = url(settings.url(), violations);
        Set<String> types = types(settings.eventTypes() == null ? List.of("*") : settings.eventTypes(), violations);
        if (endpoints.list(tenantId).size() >= MAX_ENDPOINTS) {
            violations.add(new Violation("url", "a tenant has at most " + MAX_ENDPOINTS + " webhooks; delete one first"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidWebhookException(violations);
        }
        Instant now = clock.instant();
        WebhookSecret secret = WebhookSecret.generate(random);
        WebhookEndpoint endpoint = new WebhookEndpoint(tenantId, "wh_" + UUID.randomUUID().toString().replace("-", ""),
                url, types, settings.active() == null || settings.active(), List.of(new SigningKey(secret, now, null)),
                now, null, null);
        endpoints.save(endpoint, audit(endpoint, now, actor, "webhook.created", List.of(
                new AuditEntry.Change("url", null, url.toString()),
                new AuditEntry.Change("eventTypes", null, String.join(" ", new TreeSet<>(types))),
                new AuditEntry.Change("active", null, Boolean.toString(endpoint.active())),
                new AuditEntry.Change("secret", null, "(new)"))));
        return new Registered(endpoint, secret);
    }

    public Optional<WebhookEndpoint> update(String tenantId, String endpointId, String actor, Settings change) {
        Optional<WebhookEndpoint> found = endpoints.find(tenantId, endpointId);
        if (found.isEmpty()) {
            return found;
        }
        WebhookEndpoint old = found.get();
        List<Violation> violations = new ArrayList<>();
        URI url = change.url() == null ? old.url() : url(change.url(), violations);
        Set<String> types = change.eventTypes() == null ? old.eventTypes() : types(change.eventTypes(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidWebhookException(violations);
        }
        boolean active = change.active() == null ? old.active() : change.active();
        // Turning an endpoint on again forgives its past failures; the next ones count afresh.
        boolean revived = active && !old.active();
        WebhookEndpoint updated = new WebhookEndpoint(tenantId, endpointId, url, types, active, old.keys(), old.createdAt(),
                revived ? null : old.failingSince(), revived ? null : old.disabledReason());
        List<AuditEntry.Change> changes = new ArrayList<>();
        if (!old.url().equals(url)) {
            changes.add(new AuditEntry.Change("url", old.url().toString(), url.toString()));
        }
        if (!old.eventTypes().equals(types)) {
            changes.add(new AuditEntry.Change("eventTypes", String.join(" ", new TreeSet<>(old.eventTypes())),
                    String.join(" ", new TreeSet<>(types))));
        }
        if (old.active() != active) {
            changes.add(new AuditEntry.Change("active", Boolean.toString(old.active()), Boolean.toString(active)));
        }
        endpoints.save(updated, audit(updated, clock.instant(), actor, "webhook.updated", changes));
        return Optional.of(updated);
    }

    public Optional<Registered> rotate(String tenantId, String endpointId, String actor) {
        return endpoints.find(tenantId, endpointId).map(endpoint -> {
            WebhookSecret fresh = WebhookSecret.generate(random);
            Instant now = clock.instant();
            WebhookEndpoint rotated = endpoint.rotated(fresh, now);
            endpoints.save(rotated, audit(rotated, now, actor, "webhook.secret-rotated",
                    List.of(new AuditEntry.Change("secret", "(previous, signs for 24 h)", "(new)"))));
            return new Registered(rotated, fresh);
        });
    }

    public Optional<WebhookEndpoint> find(String tenantId, String endpointId) {
        return endpoints.find(tenantId, endpointId);
    }

    public List<WebhookEndpoint> list(String tenantId) {
        return endpoints.list(tenantId);
    }

    /** @return false when the tenant has no such endpoint */
    public boolean delete(String tenantId, String endpointId, String actor) {
        Optional<WebhookEndpoint> found = endpoints.find(tenantId, endpointId);
        if (found.isEmpty()) {
            return false;
        }
        endpoints.delete(tenantId, endpointId, audit(found.get(), clock.instant(), actor, "webhook.deleted",
                List.of(new AuditEntry.Change("url", found.get().url().toString(), null))));
        return true;
    }

    private static AuditEntry audit(WebhookEndpoint endpoint, Instant at, String actor, String action,
                                    List<AuditEntry.Change> changes) {
        return new AuditEntry(endpoint.tenantId(), at, actor, action, endpoint.endpointId(), changes);
    }

    private URI url(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Violation("url", "is required"));
            return null;
        }
        if (text.length() > 2048) {
            violations.add(new Violation("url", "must be at most 2048 characters"));
            return null;
        }
        try {
            URI url = new URI(text);
            guard.check(url);
            return url;
        } catch (java.net.URISyntaxException e) {
            violations.add(new Violation("url", "is not a URL: " + e.getReason()));
        } catch (UnsafeEndpointException e) {
            violations.add(new Violation("url", e.getMessage()));
        }
        return null;
    }

    private static Set<String> types(List<String> wanted, List<Violation> violations) {
        if (wanted.isEmpty()) {
            violations.add(new Violation("eventTypes", "must name at least one event type, or \"*\" for all"));
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (!EVENT_TYPES.contains(wanted.get(i))) {
                violations.add(new Violation("eventTypes[" + i + "]", "is not an event type; known are " + EVENT_TYPES));
            }
            types.add(wanted.get(i));
        }
        return types;
    }

    private static Set<String> eventTypes() {
        Set<String> types = new LinkedHashSet<>();
        types.add("*");
        for (CallStatus status : CallStatus.values()) {
            types.add(CallStatusEvent.typeOf(status));
        }
        for (AmdEvent event : AmdEvent.values()) {
            types.add(event.type());
        }
        types.add(CallStatusEvent.RECORDING_READY);
        types.add(CallStatusEvent.ATTEMPT_ENDED);
        return Set.copyOf(types);
    }
}
