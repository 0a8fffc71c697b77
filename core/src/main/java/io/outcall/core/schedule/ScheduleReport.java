package io.outcall.core.schedule;

import io.outcall.core.json.EmbeddedMetrics;
import io.outcall.core.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * What one scheduler run did, and its log line: one JSON object that is also a CloudWatch Embedded
 * Metric Format document (namespace {@value EmbeddedMetrics#NAMESPACE}).
 *
 * @param due          calls the due index listed (metric DueScheduledCalls): the items the run read
 * @param enqueued     moved to QUEUED and sent, delayed until their notBefore (ScheduledCallsEnqueued)
 * @param late         of those, due more than a minute before the run: a run was missed or slow (ScheduledCallsLate)
 * @param held         of a suspended tenant: left SCHEDULED, due again at the next recheck, unsent
 *                     (ScheduledCallsHeld)
 * @param movedOn      canceled, rescheduled or taken by another run between the index and the write
 * @param unsent       moved to QUEUED but the queue refused the message: the queued-call sweeper sends
 *                     them again (ScheduledCallsUnsent)
 * @param failures     shards or calls the run could not handle (ScheduleFailures); those calls stay
 *                     SCHEDULED and the next run takes them
 * @param firstFailure what went wrong first, for the log; null without failures
 */
public record ScheduleReport(Instant at, ScheduleSettings settings, int due, int enqueued, int late, int held,
                             int movedOn, int unsent, int failures, String firstFailure) {

    public String logLine(Json json) {
        return json.write(out -> {
            out.writeStartObject();
            EmbeddedMetrics.declare(out, at, List.of("DueScheduledCalls", "ScheduledCallsEnqueued", "ScheduledCallsLate",
                    "ScheduledCallsHeld", "ScheduledCallsUnsent", "ScheduleFailures"));
            out.writeStringField("message", "due-call schedule");
            out.writeNumberField("DueScheduledCalls", due);
            out.writeNumberField("ScheduledCallsEnqueued", enqueued);
            out.writeNumberField("ScheduledCallsLate", late);
            out.writeNumberField("ScheduledCallsHeld", held);
            out.writeNumberField("ScheduledCallsUnsent", unsent);
            out.writeNumberField("ScheduleFailures", failures);
            out.writeNumberField("movedOn", movedOn);
            out.writeNumberField("lookaheadSeconds", settings.lookahead().toSeconds());
            out.writeNumberField("shards", settings.shards());
            if (firstFailure != null) {
                out.writeStringField("firstFailure", firstFailure);
            }
            out.writeEndObject();
        });
    }

    /** The counts of a run in progress, added to from several threads. */
    static final class Tally {
        private int due;
        private int enqueued;
        private int late;
        private int held;
        private int movedOn;
        private int unsent;
        private int failures;
        private String firstFailure;

        synchronized void add(int found, int sent, int lateOnes, int moved, int refused) {
            due += found;
            enqueued += sent;
            late += lateOnes;
            movedOn += moved;
            unsent += refused;
        }

        synchronized void held(int heldOnes, int moved) {
            held += heldOnes;
            movedOn += moved;
        }

        synchronized void failed(String what, RuntimeException e) {
            failures++;
            if (firstFailure == null) {
                firstFailure = what + ": " + e;
            }
        }

        synchronized ScheduleReport report(Instant at, ScheduleSettings settings) {
            return new ScheduleReport(at, settings, due, enqueued, late, held, movedOn, unsent, failures,
                    firstFailure);
        }
    }
}
