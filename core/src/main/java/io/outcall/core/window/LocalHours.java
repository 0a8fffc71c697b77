package io.outcall.core.window;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One allowed stretch of a day in the callee's local time, {@code from} included, {@code to}
 * excluded, as minutes since midnight; {@code to} may be 1440 ("24:00", the end of the day).
 */
public record LocalHours(int fromMinute, int toMinute) {

    public static final int END_OF_DAY = 24 * 60;
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)");

    public LocalHours {
        if (fromMinute < 0 || fromMinute >= END_OF_DAY || toMinute <= fromMinute || toMinute > END_OF_DAY) {
            throw new IllegalArgumentException("hours must run forward within one day, from " + format(fromMinute)
                    + " to " + format(toMinute));
        }
    }

    public static LocalHours of(String from, String to) {
        return new LocalHours(minute(from), minute(to));
    }

    public LocalTime from() {
        return LocalTime.MIN.plusMinutes(fromMinute);
    }

    /** Whether the local time of day falls inside. */
    public boolean contains(LocalTime time) {
        int minute = time.getHour() * 60 + time.getMinute();
        return minute >= fromMinute && minute < toMinute;
    }

    public boolean overlaps(LocalHours other) {
        return fromMinute < other.toMinute && other.fromMinute < toMinute;
    }

    /**
     * Minutes since midnight of an {@code HH:mm} text ("24:00" is 1440), or -1 when it is not one.
     */
    public static int minute(String text) {
        Matcher m = text == null ? null : HH_MM.matcher(text);
        if (m == null || !m.matches()) {
            return -1;
        }
        int minute = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        return minute > END_OF_DAY ? -1 : minute;
    }

    public static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    public String fromText() {
        return format(fromMinute);
    }

    public String toText() {
        return format(toMinute);
    }
}
