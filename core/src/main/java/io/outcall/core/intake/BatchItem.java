package io.outcall.core.intake;

import io.outcall.core.call.JourneyRef;
import io.outcall.core.validation.Violation;

import java.util.List;

/**
 * One item of a batch: a call request as read, with its own retry key and journey step.
 *
 * @param idempotencyKey null when the caller sent none
 * @param journey        null for calls asked over HTTP
 * @param violations     what reading the item already found wrong (wrong types, unknown fields): the
 *                       item is refused with them, and only this item
 */
public record BatchItem(CallRequest call, IdempotencyKey idempotencyKey, JourneyRef journey, List<Violation> violations) {

    public BatchItem {
        violations = List.copyOf(violations);
    }

    public static BatchItem of(CallRequest call, IdempotencyKey idempotencyKey, JourneyRef journey) {
        return new BatchItem(call, idempotencyKey, journey, List.of());
    }
}
