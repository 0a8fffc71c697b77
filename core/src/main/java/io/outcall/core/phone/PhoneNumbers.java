package io.outcall.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Turns what a user typed into an E.164 number Asterisk can dial, or says exactly why not.
 *
 * <p>Only digits, spaces, {@code + ( ) - .} and {@code /} are accepted before libphonenumber sees
 * the text: libphonenumber would read letters as a vanity number or an extension, and a dial
 * string must never carry anything a user did not mean as a digit.
 */
public final class PhoneNumbers {

    private final PhoneNumberUtil util;

    public PhoneNumbers() {
        this(PhoneNumberUtil.getInstance());
    }

    PhoneNumbers(PhoneNumberUtil util) {
        this.util = util;
    }

    /**
     * @param raw           the number as given, national or international
     * @param defaultRegion ISO 3166 region used when {@code raw} has no leading {@code +}
     * @return the number in E.164, e.g. {@code +14045550100}
     * @throws InvalidPhoneNumberException naming the problem
     */
    public String toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("is empty; give a number such as +14045550100");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidPhoneNumberException("contains a control character (code " + (int) c + ")");
            }
            if (!(c >= '0' && c <= '9') && " +()-./".indexOf(c) < 0) {
                throw new InvalidPhoneNumberException(
                        "contains '" + c + "'; use only digits, spaces and + ( ) - . /");
            }
        }
        PhoneNumber number;
        try {
            number = util.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "has no valid country code; start it with + and the country code";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "is too short";
                case TOO_LONG -> "is too long";
                case NOT_A_NUMBER -> "is not a phone number";
            });
        }
        switch (util.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> throw new InvalidPhoneNumberException("is too short for its country");
            case TOO_LONG -> throw new InvalidPhoneNumberException("is too long for its country");
            case INVALID_COUNTRY_CODE -> throw new InvalidPhoneNumberException("has an unknown country code");
            case INVALID_LENGTH -> throw new InvalidPhoneNumberException("has a length no number of its country has");
            default -> {
            }
        }
        if (!util.isValidNumber(number)) {
            throw new InvalidPhoneNumberException("is not a valid number for country code +" + number.getCountryCode());
        }
        if (!util.canBeInternationallyDialled(number)) {
            throw new InvalidPhoneNumberException("cannot be dialled in E.164 form (a national-only number)");
        }
        return util.format(number, PhoneNumberFormat.E164);
    }

    /**
     * The prefix numbers of the callee's area share, e.g. {@code +1404} for {@code +14045550123}: the
     * country code and, in the North American Numbering Plan, the 3-digit area code, elsewhere the
     * geographic area code libphonenumber knows for the number's country. Null when the number has
     * none (mobile, toll-free, non-geographic).
     *
     * @param e164 a number {@link #toE164} returned
     */
    public String areaPrefix(String e164) {
        PhoneNumber number;
        try {
            number = util.parse(e164, null);
        } catch (NumberParseException e) {
            return null;
        }
        String national = util.getNationalSignificantNumber(number);
        int length = number.getCountryCode() == 1 && national.length() == 10 ? 3
                : util.getLengthOfGeographicalAreaCode(number);
        return length == 0 ? null : "+" + number.getCountryCode() + national.substring(0, length);
    }

    /** True when {@code region} is an ISO 3166 region libphonenumber knows, e.g. "US", "GB". */
    public boolean isKnownRegion(String region) {
        return region != null && util.getSupportedRegions().contains(region);
    }
}
