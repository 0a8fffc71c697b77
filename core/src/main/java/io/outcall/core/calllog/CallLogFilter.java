package io.outcall.core.calllog;

import io.outcall.core.amd.AnsweredBy;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;

import java.time.Instant;

/**
 * Which of a tenant's calls to list. Every member is optional. Times are creation times: calls
 * created at or after {@code from} and before {@code to}.
 *
 * @param number     the dialed number, E.164
 * @param answeredBy who answered, as answering-machine detection found
 */
public record CallLogFilter(CallStatus status, Disposition disposition, Instant from, Instant to, String number,
                            String journeyId, AnsweredBy answeredBy) {

    public CallLogFilter(CallStatus status, Disposition disposition, Instant from, Instant to, String number,
                         String journeyId) {
        this(status, disposition, from, to, number, journeyId, null);
    }

    /** True when the call is one this filter lists (the time range is the store's key range). */
    public boolean matches(Call call) {
        return (status == null || status == call.status())
                && (disposition == null || disposition == call.disposition())
                && (number == null || number.equals(call.to()))
                && (journeyId == null || (call.journey() != null && journeyId.equals(call.journey().journeyId())))
                && (answeredBy == null || (call.amdOutcome() != null && answeredBy == call.amdOutcome().answeredBy()));
    }

    /** A stable text of the filter: a cursor is only valid for the filter it was issued under. */
    public String fingerprint() {
        return String.join("\u001f", String.valueOf(status), String.valueOf(disposition), String.valueOf(from),
                String.valueOf(to), String.valueOf(number), String.valueOf(journeyId))
                // Appended only when set, so cursors issued before the filter existed stay valid.
                + (answeredBy == null ? "" : "\u001f" + answeredBy.json());
    }
}
