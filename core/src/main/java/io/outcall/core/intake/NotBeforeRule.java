package io.outcall.core.intake;

import io.outcall.core.validation.Violation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A call's {@code notBefore}: an ISO-8601 date and time with an offset (a local time alone would
 * leave the caller's zone to guess), at most {@link #MAX_AHEAD} ahead. A time in the past or now
 * asks for the call to be dialed at once.
 */
final class NotBeforeRule {

    static final String FIELD = "notBefore";
    static final Duration MAX_AHEAD = Duration.ofDays(30);

    private NotBeforeRule() {
    }

    /** @return the requested instant, or null when none was given or it is refused (then recorded in {@code violations}) */
    static Instant parse(String raw, Instant now, List<Violation> violations) {
        if (raw == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(FIELD, "must be an ISO-8601 date and time with an offset, e.g."
                    + " 2026-03-02T09:30:00+01:00 or 2026-03-02T08:30:00Z; was '" + abbreviated(raw) + "'"));
            return null;
        }
        Instant latest = now.plus(MAX_AHEAD);
        if (at.isAfter(latest)) {
            violations.add(new Violation(FIELD, "is more than " + MAX_AHEAD.toDays() + " days ahead; the latest"
                    + " accepted now is " + latest + ", was " + raw));
            return null;
        }
        return at;
    }

    private static String abbreviated(String raw) {
        return raw.length() <= 64 ? raw : raw.substring(0, 64) + "...";
    }
}
