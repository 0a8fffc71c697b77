package io.outcall.core.webhooks;

import io.outcall.core.events.WebhookSecret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookEndpointTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static WebhookEndpoint endpoint(WebhookSecret secret) {
        return new WebhookEndpoint("acme", "ep-1", URI.create("https://hooks.example.com"), Set.of("call.busy"), true,
                List.of(new SigningKey(secret, T0, null)), T0, null, null);
    }

    @Test
    void afterARotationOldAndNewSignForADayThenOnlyTheNew() {
        WebhookSecret old = WebhookSecret.generate(RANDOM);
        WebhookSecret fresh = WebhookSecret.generate(RANDOM);
        Instant rotated = T0.plus(Duration.ofDays(10));
        WebhookEndpoint endpoint = endpoint(old).rotated(fresh, rotated);
        assertEquals(List.of(fresh, old), endpoint.signingSecrets(rotated.plus(Duration.ofHours(23))));
        assertEquals(List.of(fresh), endpoint.signingSecrets(rotated.plus(Duration.ofHours(24))));
        WebhookSecret third = WebhookSecret.generate(RANDOM);
        WebhookEndpoint again = endpoint.rotated(third, rotated.plus(Duration.ofDays(2)));
        assertEquals(2, again.keys().size(), "a key already retired is dropped at the next rotation");
    }

    @Test
    void anEndpointGivenUpOnForThreeDaysIsTurnedOffAndAnAnswerClearsTheCount() {
        WebhookEndpoint endpoint = endpoint(WebhookSecret.generate(RANDOM));
        WebhookEndpoint failing = endpoint.gaveUpAt(T0);
        assertTrue(failing.active());
        assertEquals(T0, failing.failingSince());
        assertTrue(failing.gaveUpAt(T0.plus(Duration.ofDays(2))).active());
        WebhookEndpoint off = failing.gaveUpAt(T0.plus(Duration.ofDays(3)));
        assertFalse(off.active());
        assertNotNull(off.disabledReason());
        assertEquals(null, failing.answering().failingSince());
        assertTrue(endpoint.wants("call.busy"));
        assertFalse(endpoint.wants("call.answered"));
        assertFalse(off.wants("call.busy"));
    }
}
