package io.outcall.pbxsim;

/**
 * A caller id as Asterisk shows it: missing parts are rendered {@code <unknown>}.
 * Parses the Originate forms {@code "Name" <number>}, {@code Name <number>} and a bare number.
 */
record CallerId(String number, String name) {

    static final String UNKNOWN = "<unknown>";
    static final CallerId NONE = new CallerId(UNKNOWN, UNKNOWN);

    static CallerId parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        String text = raw.strip();
        int lt = text.lastIndexOf('<');
        int gt = text.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            String number = text.substring(lt + 1, gt).strip();
            String name = text.substring(0, lt).strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return new CallerId(orUnknown(number), orUnknown(name));
        }
        return new CallerId(text, UNKNOWN);
    }

    boolean isKnown() {
        return !this.equals(NONE);
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? UNKNOWN : value;
    }
}
