package io.outcall.core.phone;

/**
 * A phone number as logs may show it: the country-code end and the last two digits, the rest
 * starred, e.g. {@code +140*******23}. Enough to tell calls apart while reading a log, not enough
 * to call the person; full numbers stay in the call record, which only its tenant can read.
 */
public final class MaskedNumber {

    private static final int KEPT_HEAD = 4; // "+" and up to three digits
    private static final int KEPT_TAIL = 2;

    private MaskedNumber() {
    }

    public static String of(String number) {
        if (number == null) {
            return "null";
        }
        if (number.length() <= KEPT_HEAD + KEPT_TAIL) {
            return "*".repeat(number.length());
        }
        return number.substring(0, KEPT_HEAD) + "*".repeat(number.length() - KEPT_HEAD - KEPT_TAIL)
                + number.substring(number.length() - KEPT_TAIL);
    }
}
