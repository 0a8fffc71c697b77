package io.outcall.core.call;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallIdTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123456789Z");

    private static CallId generatorAt(Instant instant, RandomGenerator random) {
        return new CallId(Clock.fixed(instant, ZoneOffset.UTC), random);
    }

    @Test
    void idsAre26WellFormedCharacters() {
        String id = generatorAt(NOW, new SplittableRandom(1)).next();

        assertEquals(26, id.length());
        assertTrue(CallId.isWellFormed(id), id);
        assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
    }

    @Test
    void idsOfOneMillisecondStrictlyIncrease() {
        CallId ids = generatorAt(NOW, new SplittableRandom(7));
        String previous = ids.next();
        for (int i = 0; i < 10_000; i++) {
            String next = ids.next();
            assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
            previous = next;
        }
    }

    @Test
    void incrementWithinAMillisecondCarriesIntoHigherCharacters() {
        // Random part 00..00FF: the next id of the same millisecond must carry into the byte before.
        RandomGenerator lastByteFull = new RandomGenerator() {
            private int drawn;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int bound) {
                return ++drawn % 10 == 0 ? 0xFF : 0;
            }
        };
        CallId ids = generatorAt(NOW, lastByteFull);

        String first = ids.next();
        String second = ids.next();

        assertTrue(first.endsWith("7Z"), first);
        assertTrue(second.endsWith("80"), second);
        assertEquals(first.substring(0, 24), second.substring(0, 24));
    }

    @Test
    void idsOfALaterMillisecondSortAfterEarlierOnes() {
        String earlier = generatorAt(NOW, new SplittableRandom(3)).next();
        String later = generatorAt(NOW.plusMillis(1), new SplittableRandom(4)).next();

        assertTrue(later.compareTo(earlier) > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2025-03-01T12:00:00.123Z", "2999-12-31T23:59:59.999Z"})
    void createdAtReadsBackTheMillisecondOfCreation(String instant) {
        Instant at = Instant.parse(instant);
        String id = generatorAt(at, new SplittableRandom(5)).next();

        assertEquals(at, CallId.createdAt(id));
    }

    @Test
    void createdAtDropsSubMillisecondPrecision() {
        String id = generatorAt(NOW, new SplittableRandom(5)).next();

        assertEquals(Instant.parse("2025-03-01T12:00:00.123Z"), CallId.createdAt(id));
    }

    @Test
    void lowerBoundSortsBeforeEveryIdOfItsInstantAndAfterEveryEarlierId() {
        String bound = CallId.lowerBound(NOW);
        CallId ofThatMillisecond = generatorAt(NOW, new SplittableRandom(11));
        CallId ofTheMillisecondBefore = generatorAt(NOW.minusMillis(1), new SplittableRandom(12));

        for (int i = 0; i < 100; i++) {
            assertTrue(bound.compareTo(ofThatMillisecond.next()) <= 0);
            assertTrue(bound.compareTo(ofTheMillisecondBefore.next()) > 0);
        }
        assertTrue(CallId.isWellFormed(bound));
        assertEquals(Instant.parse("2025-03-01T12:00:00.123Z"), CallId.createdAt(bound));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01JNC5Q0VK", "01JNC5Q0VKXXXXXXXXXXXXXXXXX", "01JNC5Q0VKXXXXXXXXXXXXXXXI",
            "01JNC5Q0VKXXXXXXXXXXXXXXXL", "01JNC5Q0VKXXXXXXXXXXXXXXXO", "01JNC5Q0VKXXXXXXXXXXXXXXXU",
            "01jnc5q0vkxxxxxxxxxxxxxxxx", "81JNC5Q0VKXXXXXXXXXXXXXXXX", "01JNC5Q0VK-XXXXXXXXXXXXXXX"})
    void rejectsStringsThatAreNotCallIds(String value) {
        assertFalse(CallId.isWellFormed(value));
        assertThrows(IllegalArgumentException.class, () -> CallId.createdAt(value));
    }

    @Test
    void theShapeThoseCasesBreakIsACallId() {
        assertTrue(CallId.isWellFormed("01JNC5Q0VKXXXXXXXXXXXXXXXX"));
        assertTrue(CallId.isWellFormed("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
    }

    @Test
    void nullIsNotACallId() {
        assertFalse(CallId.isWellFormed(null));
    }
}
