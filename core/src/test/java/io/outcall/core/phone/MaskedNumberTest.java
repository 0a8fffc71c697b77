package io.outcall.core.phone;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MaskedNumberTest {

    @Test
    void keepsTheCountryCodeEndAndTheLastTwoDigits() {
        assertEquals("+140******23", MaskedNumber.of("+14045550123"));
        assertEquals("+442*******89", MaskedNumber.of("+442079460789"));
    }

    @Test
    void aShortOrMissingNumberShowsNothingOfItself() {
        assertEquals("******", MaskedNumber.of("+12345"));
        assertEquals("null", MaskedNumber.of(null));
    }
}
