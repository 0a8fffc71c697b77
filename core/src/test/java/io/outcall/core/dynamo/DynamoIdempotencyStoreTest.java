package io.outcall.core.dynamo;

import io.outcall.core.intake.IdempotencyRecord;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retry keys on DynamoDB Local, with the IdempotencyTable of template.yaml. */
@ExtendWith(SharedLocalServices.class)
class DynamoIdempotencyStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(24);

    private static DynamoIdempotencyStore store;
    private final String key = "acme#http#" + UUID.randomUUID();

    @BeforeAll
    static void start(LocalServices shared) {
        store = new DynamoIdempotencyStore(shared.dynamoDb(), "IdempotencyTable");
    }

    @Test
    void aFreeKeyIsClaimed() {
        assertEquals(Optional.empty(), store.claim(record("call-1", "fp-1", T0)));
    }

    @Test
    void aHeldKeyAnswersWithTheRecordThatHoldsIt() {
        IdempotencyRecord first = record("call-1", "fp-1", T0);
        store.claim(first);

        assertEquals(Optional.of(first), store.claim(record("call-2", "fp-2", T0.plusSeconds(5))));
        assertEquals(Optional.of(first), store.claim(record("call-3", "fp-1", T0.plusSeconds(6))), "still the first");
    }

    @Test
    void releaseFreesTheKeyForTheCallThatHoldsIt() {
        store.claim(record("call-1", "fp-1", T0));

        store.release(key, "call-1");

        assertEquals(Optional.empty(), store.claim(record("call-2", "fp-1", T0.plusSeconds(1))));
    }

    @Test
    void releaseByAnotherCallLeavesTheKeyHeld() {
        IdempotencyRecord first = record("call-1", "fp-1", T0);
        store.claim(first);

        store.release(key, "call-2");

        assertEquals(Optional.of(first), store.claim(record("call-3", "fp-1", T0.plusSeconds(1))));
    }

    @Test
    void releaseOfAFreeKeyIsHarmless() {
        store.release(key, "call-1");

        assertEquals(Optional.empty(), store.claim(record("call-1", "fp-1", T0)));
    }

    @Test
    void anExpiredRecordNoLongerHoldsTheKey() {
        store.claim(record("call-1", "fp-1", T0));
        IdempotencyRecord later = record("call-2", "fp-2", T0.plus(WINDOW).plusSeconds(1));

        assertEquals(Optional.empty(), store.claim(later));
        assertEquals(Optional.of(later), store.claim(record("call-3", "fp-3", T0.plus(WINDOW).plusSeconds(2))));
    }

    @Test
    void aRecordHoldsItsKeyUpToTheSecondItExpires() {
        IdempotencyRecord first = record("call-1", "fp-1", T0);
        store.claim(first);

        assertEquals(Optional.of(first), store.claim(record("call-2", "fp-2", T0.plus(WINDOW))));
    }

    @Test
    void keysAreIndependent() {
        store.claim(record("call-1", "fp-1", T0));
        IdempotencyRecord other = new IdempotencyRecord(key + "-other", "fp-1", "call-2", T0, T0.plus(WINDOW));

        assertEquals(Optional.empty(), store.claim(other));
    }

    private IdempotencyRecord record(String callId, String fingerprint, Instant createdAt) {
        return new IdempotencyRecord(key, fingerprint, callId, createdAt, createdAt.plus(WINDOW));
    }
}
