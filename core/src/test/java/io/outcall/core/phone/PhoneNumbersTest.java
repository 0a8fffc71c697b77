package io.outcall.core.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {

    private final PhoneNumbers phones = new PhoneNumbers();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4045550100        | US | +14045550100",
            "(404) 555-0100    | US | +14045550100",
            "404-555-0100      | US | +14045550100",
            "404.555.0100      | US | +14045550100",
            "+1 404 555 0100   | GB | +14045550100",
            "020 7946 0018     | GB | +442079460018",
            "(020) 7946-0018   | GB | +442079460018",
            "+44 20 7946 0018  | US | +442079460018",
    })
    void normalisesNationalAndInternationalFormsToE164(String raw, String region, String e164) {
        assertEquals(e164, phones.toE164(raw, region));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "+14045550123  | +1404",
            "+12125550123  | +1212",
            "+442079460123 | +4420",
            "+441614960000 | +44161",
            "+447400123456 | none",
    })
    void theCalleesAreaIsTheNanpAreaCodeOrTheGeographicPrefixLibphonenumberKnows(String e164, String area) {
        assertEquals(area, phones.areaPrefix(e164), "a UK mobile has no area");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-800-FLOWERS", "+1404555010x1", "+1 404 555 0100 ext 7", "+1404555010#"})
    void rejectsLettersAndSymbolsBeforeLibphonenumberCanReadThemAsVanityOrExtension(String raw) {
        String message = problem(raw, "US");
        assertTrue(message.contains("contains '"), message);
        assertTrue(message.contains("use only digits"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1404555\r\n0100", "+14045550100\n", "+1404\u00005550100", "+1404\u20285550100", "\t+14045550100"})
    void rejectsControlCharacters(String raw) {
        assertTrue(problem(raw, "US").contains("control character"));
    }

    @Test
    void namesTheCodeOfTheControlCharacter() {
        assertTrue(problem("+1404555\r0100", "US").contains("code 13"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmpty(String raw) {
        assertTrue(problem(raw, "US").contains("empty"));
    }

    @Test
    void rejectsNull() {
        assertTrue(problem(null, "US").contains("empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "+1 404", "404 555 01"})
    void rejectsTooShort(String raw) {
        assertTrue(problem(raw, "US").contains("too short"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 404 555 0100 1234", "404 555 01009", "12345678901234567890"})
    void rejectsTooLong(String raw) {
        assertTrue(problem(raw, "US").contains("too long"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999 123456789", "+0 123456789"})
    void rejectsAnInvalidCountryCode(String raw) {
        assertTrue(problem(raw, "US").contains("country code"));
    }

    @Test
    void aNationalNumberWithoutAKnownRegionHasNoCountryCode() {
        assertTrue(problem("4045550100", "ZZ").contains("country code"));
    }

    @ParameterizedTest
    @CsvSource({"+1 011 555 0100, +1", "+1 999 555 0100, +1", "+44 20 7946, +44"})
    void rejectsANumberNoOneHasAndNamesItsCountryCode(String raw, String countryCode) {
        String message = problem(raw, "US");
        assertTrue(message.contains("not a valid number"), message);
        assertTrue(message.contains(countryCode), message);
    }

    @Test
    void knowsRegions() {
        assertTrue(phones.isKnownRegion("US"));
        assertTrue(phones.isKnownRegion("GB"));
        assertFalse(phones.isKnownRegion("ZZ"));
        assertFalse(phones.isKnownRegion(null));
    }

    private String problem(String raw, String region) {
        return assertThrows(InvalidPhoneNumberException.class, () -> phones.toE164(raw, region)).getMessage();
    }
}
