package io.outcall.core.tenant;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferPickerTest {

    private static final TransferNumber LIGHT = new TransferNumber("+14045550101", 1);
    private static final TransferNumber HEAVY = new TransferNumber("+14045550102", 3);

    @Test
    void picksInProportionToWeight() {
        TransferPicker picker = new TransferPicker(new SplittableRandom(20250301));
        int light = 0;
        for (int i = 0; i < 4000; i++) {
            String picked = picker.pick(List.of(LIGHT, HEAVY)).orElseThrow();
            if (picked.equals(LIGHT.number())) {
                light++;
            } else {
                assertEquals(HEAVY.number(), picked);
            }
        }
        // Expected 1000 (sd ~27); +-200 is over 7 sd, so only a broken weighting lands outside.
        assertTrue(light > 800 && light < 1200, "light picked " + light + " of 4000");
    }

    @Test
    void eachNumberOwnsAsManyTicketsAsItsWeight() {
        List<TransferNumber> numbers = List.of(LIGHT, HEAVY);

        assertEquals(Optional.of(LIGHT.number()), new TransferPicker(ticket(0)).pick(numbers));
        assertEquals(Optional.of(HEAVY.number()), new TransferPicker(ticket(1)).pick(numbers));
        assertEquals(Optional.of(HEAVY.number()), new TransferPicker(ticket(3)).pick(numbers));
    }

    @Test
    void aSingleNumberIsAlwaysPicked() {
        TransferPicker picker = new TransferPicker(new SplittableRandom(1));
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.of(HEAVY.number()), picker.pick(List.of(HEAVY)));
        }
    }

    @Test
    void noNumbersPickNothing() {
        assertEquals(Optional.empty(), new TransferPicker(new SplittableRandom(1)).pick(List.of()));
    }

    @Test
    void aWeightBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TransferNumber("+14045550101", 0));
    }

    /** A generator whose bounded draw is always {@code value}, checked against the bound it is asked for. */
    private static RandomGenerator ticket(int value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int bound) {
                assertEquals(4, bound, "tickets are drawn from the sum of the weights");
                return value;
            }
        };
    }
}
