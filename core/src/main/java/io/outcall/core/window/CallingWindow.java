package io.outcall.core.window;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local hours, per weekday, in which a tenant's calls may ring their callees, and what becomes
 * of a call requested outside them. A weekday without hours is closed all day. Times are the
 * callee's wall-clock time, so a window of 08:00-21:00 stays 08:00-21:00 across daylight-saving
 * changes (java.time's zone rules, not fixed offsets).
 *
 * @param hours the allowed hours of each weekday, as {@link CallingWindowJson} checked them (no overlaps)
 */
public record CallingWindow(OutsideWindow outsideWindow, Map<DayOfWeek, List<LocalHours>> hours) {

    /** Far enough to see every weekday once more: a window that opens at all opens within it. */
    private static final int DAYS_AHEAD = 8;

    public CallingWindow {
        EnumMap<DayOfWeek, List<LocalHours>> copy = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, ranges) -> {
            if (!ranges.isEmpty()) {
                copy.put(day, ranges.stream().sorted(Comparator.comparingInt(LocalHours::fromMinute)).toList());
            }
        });
        hours = Collections.unmodifiableMap(copy);
    }

    /** Whether a call may ring at {@code at} in {@code zone}. */
    public boolean allows(ZoneId zone, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return hours.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(range -> range.contains(local.toLocalTime()));
    }

    /** Whether a call may ring at {@code at} in every one of {@code zones} (a callee in any of them). */
    public boolean allows(Collection<ZoneId> zones, Instant at) {
        return zones.stream().allMatch(zone -> allows(zone, at));
    }

    /**
     * The first instant at or after {@code at} when the window is open in {@code zone}; empty when it
     * has no hours at all.
     */
    public Optional<Instant> nextOpening(ZoneId zone, Instant at) {
        if (allows(zone, at)) {
            return Optional.of(at);
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        List<Instant> starts = new ArrayList<>();
        for (int day = -1; day <= DAYS_AHEAD; day++) {
            LocalDate date = today.plusDays(day);
            for (LocalHours range : hours.getOrDefault(date.getDayOfWeek(), List.of())) {
                starts.addAll(starts(date.atTime(range.from()), zone));
            }
        }
        return starts.stream().filter(start -> start.isAfter(at) && allows(zone, start)).min(Comparator.naturalOrder());
    }

    /**
     * The first instant open in all {@code zones} at or after {@code at}: each zone in turn moves the
     * candidate to its own next opening until all agree, so nothing earlier is skipped (an instant
     * before a zone's next opening is closed in that zone). Empty when the zones' hours never meet
     * within a week.
     */
    public Optional<Instant> nextOpening(Collection<ZoneId> zones, Instant at) {
        Instant candidate = at;
        Instant limit = at.plus(Duration.ofDays(DAYS_AHEAD));
        while (!candidate.isAfter(limit)) {
            Instant moved = candidate;
            for (ZoneId zone : zones) {
                Optional<Instant> opening = nextOpening(zone, moved);
                if (opening.isEmpty()) {
                    return Optional.empty();
                }
                moved = opening.get();
            }
            if (moved.equals(candidate)) {
                return Optional.of(candidate);
            }
            candidate = moved;
        }
        return Optional.empty();
    }

    /**
     * The instants a local start time begins: in a spring-forward gap (02:30 that never happens) the
     * instant the clocks jump, whose local time (03:00) is the first one past the start; in an
     * autumn overlap both (01:30 happens twice, and either may open the window).
     */
    private static List<Instant> starts(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null) {
            return List.of(local.atZone(zone).toInstant());
        }
        if (transition.isGap()) {
            return List.of(transition.getInstant());
        }
        return List.of(local.atOffset(transition.getOffsetBefore()).toInstant(),
                local.atOffset(transition.getOffsetAfter()).toInstant());
    }
}
