package io.outcall.core.calllog;

import io.outcall.core.amd.AnsweredBy;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.phone.InvalidPhoneNumberException;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.validation.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A call-log request as the API takes it: the filter, the page size and the cursor of the page
 * before. {@link #parse} reports every bad parameter at once, each by name.
 *
 * @param cursor null for the first page
 */
public record CallLogQuery(CallLogFilter filter, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    static final int MAX_JOURNEY_ID_LENGTH = 200;
    private static final Set<String> PARAMETERS = Set.copyOf(
            List.of("status", "disposition", "from", "to", "number", "journeyId", "answeredBy", "limit", "cursor"));

    public static CallLogQuery parse(Map<String, String> parameters, PhoneNumbers phones) {
        List<Violation> violations = new ArrayList<>();
        QueryParameters.rejectUnknown(parameters, PARAMETERS, violations);
        CallStatus status = QueryParameters.oneOf(parameters.get("status"), "status", CallStatus.class, violations);
        Disposition disposition = QueryParameters.oneOf(parameters.get("disposition"), "disposition", Disposition.class, violations);
        Instant from = QueryParameters.instant(parameters.get("from"), "from", violations);
        Instant to = QueryParameters.instant(parameters.get("to"), "to", violations);
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Violation("from", "must be before to (from " + from + ", to " + to + ")"));
        }
        String number = number(parameters.get("number"), phones, violations);
        String journeyId = parameters.get("journeyId");
        if (journeyId != null && (journeyId.isBlank() || journeyId.length() > MAX_JOURNEY_ID_LENGTH)) {
            violations.add(new Violation("journeyId", "must be 1 to " + MAX_JOURNEY_ID_LENGTH + " characters"));
        }
        AnsweredBy answeredBy = null;
        String answered = parameters.get("answeredBy");
        if (answered != null) {
            answeredBy = AnsweredBy.ofJson(answered.strip()).orElse(null);
            if (answeredBy == null) {
                violations.add(new Violation("answeredBy", "must be one of " + AnsweredBy.names() + ", was '" + answered + "'"));
            }
        }
        int limit = limit(parameters.get("limit"), violations);
        String cursor = parameters.get("cursor");
        if (cursor != null && cursor.isBlank()) {
            violations.add(new Violation("cursor", "is empty; leave it out for the first page"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidQueryException(violations);
        }
        return new CallLogQuery(new CallLogFilter(status, disposition, from, to, number, journeyId, answeredBy), limit,
                cursor);
    }

    private static String number(String value, PhoneNumbers phones, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        // An unencoded '+' in a query string arrives as a space: take " 1404..." as "+1404...".
        String raw = value.strip();
        if (!raw.startsWith("+") && raw.chars().allMatch(Character::isDigit)) {
            raw = "+" + raw;
        }
        try {
            return phones.toE164(raw, null);
        } catch (InvalidPhoneNumberException e) {
            violations.add(new Violation("number", e.getMessage() + " (send the dialed number in E.164, '+' as %2B)"));
            return null;
        }
    }

    private static int limit(String value, List<Violation> violations) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was '" + value + "'"));
        return DEFAULT_LIMIT;
    }
}
