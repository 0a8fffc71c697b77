package io.outcall.core.webhooks;

import io.outcall.core.events.WebhookSecret;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A tenant's webhook receiver: where to send, which event types, and the keys that sign.
 *
 * @param eventTypes    the types wanted ({@code call.answered}, ...); {@code *} is every type
 * @param failingSince  when deliveries to it started to be given up, null while it answers
 * @param disabledReason why the platform turned it off, null when it did not
 */
public record WebhookEndpoint(String tenantId, String endpointId, URI url, Set<String> eventTypes, boolean active,
                              List<SigningKey> keys, Instant createdAt, Instant failingSince, String disabledReason) {

    /** How long the old secret keeps signing after a rotation. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    /** An endpoint whose deliveries are given up for this long is turned off. */
    public static final Duration DISABLE_AFTER_FAILING = Duration.ofDays(3);

    public WebhookEndpoint {
        eventTypes = Set.copyOf(eventTypes);
        keys = List.copyOf(keys);
    }

    public boolean wants(String eventType) {
        return active && (eventTypes.contains("*") || eventTypes.contains(eventType));
    }

    /** The secrets that sign a request sent at {@code now}, newest first. */
    public List<WebhookSecret> signingSecrets(Instant now) {
        return keys.stream().filter(k -> k.signsAt(now))
                .sorted(Comparator.comparing(SigningKey::createdAt).reversed())
                .map(SigningKey::secret).toList();
    }

    /** This endpoint with {@code fresh} as its current secret; the previous ones retire within a day. */
    public WebhookEndpoint rotated(WebhookSecret fresh, Instant now) {
        List<SigningKey> next = new ArrayList<>();
        for (SigningKey key : keys) {
            if (key.signsAt(now)) {
                Instant retires = key.retiresAt() == null ? now.plus(ROTATION_OVERLAP) : key.retiresAt();
                next.add(new SigningKey(key.secret(), key.createdAt(), retires));
            }
        }
        next.add(new SigningKey(fresh, now, null));
        return new WebhookEndpoint(tenantId, endpointId, url, eventTypes, active, next, createdAt, failingSince,
                disabledReason);
    }

    public WebhookEndpoint answering() {
        return new WebhookEndpoint(tenantId, endpointId, url, eventTypes, active, keys, createdAt, null, disabledReason);
    }

    /** After a delivery was given up at {@code now}: failing since then, and off once that lasted three days. */
    public WebhookEndpoint gaveUpAt(Instant now) {
        Instant since = failingSince == null ? now : failingSince;
        boolean tooLong = !now.isBefore(since.plus(DISABLE_AFTER_FAILING));
        return new WebhookEndpoint(tenantId, endpointId, url, eventTypes, active && !tooLong, keys, createdAt, since,
                tooLong ? "deliveries failed for 3 days since " + since : disabledReason);
    }
}
