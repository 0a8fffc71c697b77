package io.outcall.core.intake;

import java.util.regex.Pattern;

/** A retry key, scoped to its tenant and its source so keys of different tenants never collide. */
public record IdempotencyKey(String value) {

    private static final Pattern HEADER_VALUE = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    /** From an {@code Idempotency-Key} header. */
    public static IdempotencyKey ofHeader(String tenantId, String header) {
        if (!HEADER_VALUE.matcher(header).matches()) {
            throw new InvalidCallRequestException("Idempotency-Key",
                    "must be 1 to 128 characters of letters, digits and _ . : -");
        }
        return new IdempotencyKey(tenantId + "#http#" + header);
    }

    /**
     * Item {@code index} of a batch sent with an {@code Idempotency-Key} header: the header names the
     * batch, the index its call. No header value holds '#', so this never meets a single request's key.
     */
    public static IdempotencyKey ofBatchItem(String tenantId, String header, int index) {
        return new IdempotencyKey(ofHeader(tenantId, header).value() + "#" + index);
    }

    /** One journey step of one execution asks for at most one call. */
    public static IdempotencyKey ofJourneyStep(String tenantId, String executionId, String stepId) {
        return new IdempotencyKey(tenantId + "#journey#" + executionId + "#" + stepId);
    }
}
