package io.outcall.core.window;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When a callee's calling window next opens.
 *
 * @param at    the first instant open in all the callee's zones; null when it never opens (the
 *              zones' hours do not meet, or no zone is known)
 * @param zones the zones the callee may be in; empty when libphonenumber knows none
 */
public record Opening(Instant at, List<ZoneId> zones) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.ENGLISH);

    public Opening {
        zones = List.copyOf(zones);
    }

    /** Whether the window is open at {@code now}. */
    public boolean isOpenAt(Instant now) {
        return at != null && !at.isAfter(now);
    }

    /**
     * The opening for people, to follow "opens": "at 2026-03-09T12:00:00Z (Monday 08:00 in
     * America/New_York)", each zone's local time when there are several; or "never: " and why.
     */
    public String describe() {
        if (zones.isEmpty()) {
            return "never: no time zone is known for this number, so its calling window cannot be kept";
        }
        String where = zones.stream().map(ZoneId::getId).collect(Collectors.joining(", "));
        if (at == null) {
            return "never: the allowed hours in " + where + " do not meet within a week";
        }
        return "at " + at + " (" + zones.stream().map(zone -> LOCAL.format(at.atZone(zone)) + " in " + zone.getId())
                .collect(Collectors.joining(", ")) + ")";
    }
}
