package io.outcall.core.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdempotencyKeyTest {

    @Test
    void theSameHeaderOfTwoTenantsIsTwoKeys() {
        assertNotEquals(IdempotencyKey.ofHeader("acme", "order-42"), IdempotencyKey.ofHeader("globex", "order-42"));
        assertEquals(IdempotencyKey.ofHeader("acme", "order-42"), IdempotencyKey.ofHeader("acme", "order-42"));
    }

    @Test
    void aHeaderKeyAndAJourneyStepKeyNeverCollide() {
        assertNotEquals(IdempotencyKey.ofHeader("acme", "e1").value(),
                IdempotencyKey.ofJourneyStep("acme", "e1", "s1").value());
        assertNotEquals(IdempotencyKey.ofJourneyStep("acme", "e1", "s1"), IdempotencyKey.ofJourneyStep("acme", "e1", "s2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A-z_0.9:x", "0123456789012345678901234567890123456789012345678901234567890123"
            + "0123456789012345678901234567890123456789012345678901234567890123"})
    void wellFormedHeadersAreAccepted(String header) {
        assertEquals("acme#http#" + header, IdempotencyKey.ofHeader("acme", header).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a#b", "line\nbreak", "caf\u00e9", "0123456789012345678901234567890123456789"
            + "01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"})
    void malformedHeadersAreRefused(String header) {
        var e = assertThrows(InvalidCallRequestException.class, () -> IdempotencyKey.ofHeader("acme", header));

        assertEquals("Idempotency-Key", e.violations().getFirst().field());
    }
}
