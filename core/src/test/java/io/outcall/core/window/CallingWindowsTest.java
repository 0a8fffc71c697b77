package io.outcall.core.window;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TCPA-like window (every day 08:00-21:00 local) applied to callees in New York, Los Angeles,
 * Honolulu, London, Sydney and Idaho's +1 208 (Boise and Los Angeles), at the window's edges and
 * across both daylight-saving changes of 2026 (US: 8 March, 1 November; UK: 29 March, 25 October;
 * Sydney: 5 April back, 4 October forward), the clock injected.
 */
class CallingWindowsTest {

    static final String NEW_YORK = "+12125550123";
    static final String LOS_ANGELES = "+13105550123";
    static final String HONOLULU = "+18085550123";
    static final String LONDON = "+442079460123";
    static final String SYDNEY = "+61291234567";
    static final String IDAHO = "+12085550123";

    private final CallingWindows windows = new CallingWindows(new CalleeTimeZones());
    private final CallingWindow daily = everyDay(OutsideWindow.SCHEDULE, LocalHours.of("08:00", "21:00"));

    static CallingWindow everyDay(OutsideWindow mode, LocalHours... ranges) {
        Map<DayOfWeek, List<LocalHours>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(ranges));
        }
        return new CallingWindow(mode, hours);
    }

    /** The intake's question, asked at the instant an injected clock says. */
    private Optional<Instant> admit(CallingWindow window, String number, String now) {
        Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        return windows.admit(window, number, clock.instant());
    }

    private void opensAt(String number, String now, String opening) {
        assertEquals(Optional.of(Instant.parse(opening)), admit(daily, number, now), number + " at " + now);
    }

    private void open(String number, String now) {
        assertEquals(Optional.empty(), admit(daily, number, now), number + " at " + now);
    }

    @Test
    void callees_zones_come_from_their_prefix() {
        CalleeTimeZones zones = new CalleeTimeZones();
        assertEquals(List.of(ZoneId.of("America/New_York")), zones.of(NEW_YORK));
        assertEquals(List.of(ZoneId.of("America/Los_Angeles")), zones.of(LOS_ANGELES));
        assertEquals(List.of(ZoneId.of("Pacific/Honolulu")), zones.of(HONOLULU));
        assertEquals(List.of(ZoneId.of("Europe/London")), zones.of(LONDON));
        assertEquals(List.of(ZoneId.of("Australia/Sydney")), zones.of(SYDNEY));
        assertEquals(List.of(ZoneId.of("America/Boise"), ZoneId.of("America/Los_Angeles")), zones.of(IDAHO));
    }

    @Test
    void new_york_edges_of_the_window() {
        // Monday 9 March 2026, New York on EDT (UTC-4): 08:00 is 12:00Z, 21:00 is 01:00Z Tuesday.
        opensAt(NEW_YORK, "2026-03-09T11:59:59Z", "2026-03-09T12:00:00Z");
        open(NEW_YORK, "2026-03-09T12:00:00Z");
        open(NEW_YORK, "2026-03-10T00:59:59Z");
        opensAt(NEW_YORK, "2026-03-10T01:00:00Z", "2026-03-10T12:00:00Z");
    }

    @Test
    void new_york_spring_forward_moves_the_opening_an_hour_earlier_in_utc() {
        // Friday 21:00 EST (UTC-5) -> Saturday 08:00 EST = 13:00Z.
        opensAt(NEW_YORK, "2026-03-07T02:00:00Z", "2026-03-07T13:00:00Z");
        // Saturday 21:00 EST -> Sunday 8 March 08:00, now EDT = 12:00Z.
        opensAt(NEW_YORK, "2026-03-08T02:00:00Z", "2026-03-08T12:00:00Z");
        // 07:30Z on the 8th is 03:30 EDT, half an hour after the jump: still closed.
        opensAt(NEW_YORK, "2026-03-08T07:30:00Z", "2026-03-08T12:00:00Z");
    }

    @Test
    void new_york_fall_back_moves_the_opening_an_hour_later_in_utc() {
        // Saturday 31 October 21:00 EDT = 01:00Z Sunday; Sunday 1 November 08:00 is EST = 13:00Z.
        opensAt(NEW_YORK, "2026-11-01T01:00:00Z", "2026-11-01T13:00:00Z");
        open(NEW_YORK, "2026-11-01T13:00:00Z");
        // 21:00 EST on 1 November is 02:00Z on the 2nd.
        open(NEW_YORK, "2026-11-02T01:59:59Z");
        opensAt(NEW_YORK, "2026-11-02T02:00:00Z", "2026-11-02T13:00:00Z");
    }

    @Test
    void a_start_inside_the_spring_gap_opens_when_the_clocks_jump() {
        // 02:30 does not exist in New York on 8 March 2026; the first local time past it is 03:00 EDT (07:00Z).
        CallingWindow night = everyDay(OutsideWindow.SCHEDULE, LocalHours.of("02:30", "05:00"));
        assertEquals(Optional.of(Instant.parse("2026-03-08T07:00:00Z")), admit(night, NEW_YORK, "2026-03-08T06:00:00Z"));
        // Fall back: 01:30 happens twice on 1 November; the window opens at the first (EDT, 05:30Z).
        CallingWindow early = everyDay(OutsideWindow.SCHEDULE, LocalHours.of("01:30", "01:45"));
        assertEquals(Optional.of(Instant.parse("2026-11-01T05:30:00Z")), admit(early, NEW_YORK, "2026-11-01T04:00:00Z"));
        // ...and, closed again at 01:45 EDT, it opens at the second 01:30 (EST, 06:30Z).
        assertEquals(Optional.of(Instant.parse("2026-11-01T06:30:00Z")), admit(early, NEW_YORK, "2026-11-01T05:45:00Z"));
    }

    @Test
    void los_angeles_is_three_hours_behind_new_york_on_both_sides_of_the_change() {
        opensAt(LOS_ANGELES, "2026-03-07T12:00:00Z", "2026-03-07T16:00:00Z"); // PST: 08:00 = 16:00Z
        opensAt(LOS_ANGELES, "2026-03-08T12:00:00Z", "2026-03-08T15:00:00Z"); // PDT: 08:00 = 15:00Z
        open(LOS_ANGELES, "2026-03-09T03:59:59Z");                             // Sunday 20:59:59 PDT
        opensAt(LOS_ANGELES, "2026-03-09T04:00:00Z", "2026-03-09T15:00:00Z");
        opensAt(LOS_ANGELES, "2026-11-01T12:00:00Z", "2026-11-01T16:00:00Z"); // back on PST
    }

    @Test
    void honolulu_keeps_its_hours_when_the_mainland_changes() {
        // HST (UTC-10) all year: 08:00 is 18:00Z before and after 8 March and 1 November.
        opensAt(HONOLULU, "2026-03-07T12:00:00Z", "2026-03-07T18:00:00Z");
        opensAt(HONOLULU, "2026-03-08T12:00:00Z", "2026-03-08T18:00:00Z");
        opensAt(HONOLULU, "2026-11-01T12:00:00Z", "2026-11-01T18:00:00Z");
        open(HONOLULU, "2026-11-02T06:59:59Z");
        opensAt(HONOLULU, "2026-11-02T07:00:00Z", "2026-11-02T18:00:00Z");
    }

    @Test
    void london_changes_on_its_own_dates() {
        // Saturday 28 March GMT: 08:00 = 08:00Z; Sunday 29 March BST: 08:00 = 07:00Z.
        opensAt(LONDON, "2026-03-28T07:59:00Z", "2026-03-28T08:00:00Z");
        opensAt(LONDON, "2026-03-28T21:00:00Z", "2026-03-29T07:00:00Z");
        open(LONDON, "2026-03-29T19:59:59Z");                             // 20:59:59 BST
        opensAt(LONDON, "2026-03-29T20:00:00Z", "2026-03-30T07:00:00Z");
        // Sunday 25 October back to GMT: 08:00 = 08:00Z again.
        opensAt(LONDON, "2026-10-24T20:00:00Z", "2026-10-25T08:00:00Z");
        // On 9 March New York has changed and London not: 08:00 London is 08:00Z, 04:00 in New York.
        open(LONDON, "2026-03-09T12:00:00Z");
    }

    @Test
    void sydney_changes_in_the_opposite_season() {
        // AEDT (UTC+11) until Sunday 5 April 03:00: Saturday 4 April 08:00 = Friday 21:00Z.
        opensAt(SYDNEY, "2026-04-03T20:00:00Z", "2026-04-03T21:00:00Z");
        // Sunday 5 April, AEST (UTC+10): 08:00 = Saturday 22:00Z.
        opensAt(SYDNEY, "2026-04-04T10:00:00Z", "2026-04-04T22:00:00Z");
        open(SYDNEY, "2026-04-05T10:59:59Z");                             // 20:59:59 AEST
        opensAt(SYDNEY, "2026-04-05T11:00:00Z", "2026-04-05T22:00:00Z");
        // Forward on Sunday 4 October: Saturday 08:00 AEST = Friday 22:00Z, Sunday 08:00 AEDT = Saturday 21:00Z.
        opensAt(SYDNEY, "2026-10-02T12:00:00Z", "2026-10-02T22:00:00Z");
        opensAt(SYDNEY, "2026-10-03T12:00:00Z", "2026-10-03T21:00:00Z");
    }

    @Test
    void idaho_208_spans_two_zones_and_must_be_allowed_in_both() {
        // Boise (Mountain) is an hour ahead of Los Angeles: open from 08:00 Pacific to 21:00 Mountain.
        // Monday 9 March, MDT (UTC-6) and PDT (UTC-7): 08:00 PDT = 15:00Z, 21:00 MDT = 03:00Z.
        Optional<Instant> boiseOpen = admit(daily, IDAHO, "2026-03-09T14:30:00Z"); // 08:30 Boise, 07:30 LA
        assertEquals(Optional.of(Instant.parse("2026-03-09T15:00:00Z")), boiseOpen);
        open(IDAHO, "2026-03-09T15:00:00Z");
        open(IDAHO, "2026-03-10T02:59:59Z");                              // 20:59:59 Boise
        opensAt(IDAHO, "2026-03-10T03:00:00Z", "2026-03-10T15:00:00Z");   // 20:00 LA, but 21:00 Boise
        // Across the spring change: Saturday on standard time (08:00 PST = 16:00Z), Sunday on daylight.
        opensAt(IDAHO, "2026-03-07T04:00:00Z", "2026-03-07T16:00:00Z");
        opensAt(IDAHO, "2026-03-08T04:00:00Z", "2026-03-08T15:00:00Z");
    }

    @Test
    void a_refusal_says_when_the_window_opens_in_every_zone_of_the_callee() {
        CallingWindow refuse = everyDay(OutsideWindow.REFUSE, LocalHours.of("08:00", "21:00"));
        OutsideCallingWindowException refused = assertThrows(OutsideCallingWindowException.class,
                () -> admit(refuse, IDAHO, "2026-03-09T14:30:00Z"));
        assertEquals(Instant.parse("2026-03-09T15:00:00Z"), refused.opening().at());
        assertEquals("is outside this tenant's calling window, which opens at 2026-03-09T15:00:00Z"
                + " (Monday 09:00 in America/Boise, Monday 08:00 in America/Los_Angeles); send the call then,"
                + " or set callingWindow.outsideWindow to schedule to have it scheduled", refused.getMessage());
        assertEquals(Optional.empty(), admit(refuse, NEW_YORK, "2026-03-09T12:00:00Z"));
    }

    @Test
    void weekdays_without_hours_are_closed() {
        Map<DayOfWeek, List<LocalHours>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.MONDAY, List.of(LocalHours.of("09:00", "12:00"), LocalHours.of("14:00", "17:00")));
        CallingWindow mondays = new CallingWindow(OutsideWindow.SCHEDULE, hours);
        // Monday 12:00 EDT (16:00Z): the afternoon range opens at 14:00 EDT.
        assertEquals(Optional.of(Instant.parse("2026-03-09T18:00:00Z")), admit(mondays, NEW_YORK, "2026-03-09T16:00:00Z"));
        // Monday 17:00 EDT: next Monday 09:00 EDT.
        assertEquals(Optional.of(Instant.parse("2026-03-16T13:00:00Z")), admit(mondays, NEW_YORK, "2026-03-09T21:00:00Z"));
    }

    @Test
    void zones_whose_hours_never_meet_are_refused_even_when_scheduling() {
        CallingWindow narrow = everyDay(OutsideWindow.SCHEDULE, LocalHours.of("08:00", "09:00"));
        List<ZoneId> apart = List.of(ZoneId.of("Europe/London"), ZoneId.of("Australia/Sydney"));
        assertEquals(Optional.empty(), narrow.nextOpening(apart, Instant.parse("2026-03-09T00:00:00Z")));
        Opening never = new Opening(null, apart);
        assertFalse(never.isOpenAt(Instant.parse("2026-03-09T00:00:00Z")));
        assertTrue(new OutsideCallingWindowException(never).getMessage().contains("do not meet within a week"));
        assertNull(new Opening(null, List.of()).at());
        assertTrue(new Opening(null, List.of()).describe().contains("no time zone is known"));
    }

    @Test
    void a_toll_free_number_is_held_to_every_zone_of_its_country() {
        // +1 800 lists every NANP zone from Guam (UTC+10) to Newfoundland (UTC-2:30 in summer):
        // the window still opens, only later and for a shorter while.
        Instant opening = admit(daily, "+18005550123", "2026-03-09T12:00:00Z").orElseThrow();
        assertTrue(new CalleeTimeZones().of("+18005550123").size() > 20);
        assertTrue(daily.allows(new CalleeTimeZones().of("+18005550123"), opening));
        assertFalse(daily.allows(new CalleeTimeZones().of("+18005550123"), opening.minusSeconds(1)));
    }
}
