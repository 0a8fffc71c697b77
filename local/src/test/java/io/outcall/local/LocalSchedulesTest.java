package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./run-local plays the template's schedules: which functions, how often, with which handler. */
class LocalSchedulesTest {

    @Test
    void theSweeperAndTheSchedulerAreScheduledAsTheTemplateSays() {
        List<String> built = new ArrayList<>();
        RequestStreamHandler nothing = (in, out, context) -> { };
        List<LocalSchedules.Schedule> schedules = LocalSchedules.schedulesOf(CloudFormationTemplate.findFromWorkingDirectory(),
                className -> {
                    built.add(className);
                    return nothing;
                });

        assertEquals(List.of("QueuedCallSweepFunction", "DueCallSchedulerFunction"),
                schedules.stream().map(LocalSchedules.Schedule::function).toList());
        schedules.forEach(schedule -> assertEquals(Duration.ofMinutes(1), schedule.every(), schedule.function()));
        assertEquals(List.of("io.outcall.functions.sweep.QueuedCallSweepHandler",
                "io.outcall.functions.schedule.DueCallSchedulerHandler"), built);
    }

    @Test
    void ratesAreReadAndOtherExpressionsNamed() {
        assertEquals(Duration.ofMinutes(5), LocalSchedules.rate("F", "rate(5 minutes)"));
        assertEquals(Duration.ofHours(1), LocalSchedules.rate("F", "rate(1 hour)"));
        var e = assertThrows(IllegalStateException.class, () -> LocalSchedules.rate("SomeFunction", "cron(0 * * * ? *)"));
        assertTrue(e.getMessage().contains("SomeFunction") && e.getMessage().contains("cron"), e.getMessage());
    }
}
