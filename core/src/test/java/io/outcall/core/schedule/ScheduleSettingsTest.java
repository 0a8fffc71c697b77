package io.outcall.core.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleSettingsTest {

    @Test
    void theLookaheadIsFiveMinutesUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(Duration.ofMinutes(5), ScheduleSettings.fromEnvironment(Map.of()).lookahead());
        assertEquals(Duration.ofSeconds(60),
                ScheduleSettings.fromEnvironment(Map.of("SCHEDULE_LOOKAHEAD_SECONDS", "60")).lookahead());
    }

    @Test
    void aLookaheadSqsCannotDelayOrNotANumberIsRefusedNamingTheVariable() {
        for (String bad : new String[]{"841", "-1", "five"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ScheduleSettings.fromEnvironment(Map.of("SCHEDULE_LOOKAHEAD_SECONDS", bad)));
            assertTrue(e.getMessage().contains("SCHEDULE_LOOKAHEAD_SECONDS") && e.getMessage().contains(bad),
                    e.getMessage());
        }
    }
}
