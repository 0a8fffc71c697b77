package io.outcall.core.intake;

import io.outcall.core.call.JourneyRef;

/**
 * @param tenantId       from verified claims or the journey engine, never from the request body alone
 * @param idempotencyKey null when the caller sent none
 * @param journey        null for calls asked over HTTP
 */
public record IntakeRequest(String tenantId, CallRequest call, IdempotencyKey idempotencyKey, JourneyRef journey) {
}
