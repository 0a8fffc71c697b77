package io.outcall.core.dnc;

import java.time.Instant;

/**
 * One number on a do-not-call list.
 *
 * @param tenantId the tenant whose list it is; null on the platform list
 * @param number   E.164
 * @param reason   why, as the adder said; null when not said
 * @param addedBy  the token's subject, or {@link DoNotCallList#OPT_OUT_ACTOR} for a callee's opt-out
 * @param source   how it got there: {@code api}, {@code import} or {@code opt-out}
 * @param callId   the call the callee opted out on; null otherwise
 */
public record DncEntry(DncList list, String tenantId, String number, String reason, Instant addedAt, String addedBy,
                       String source, String callId) {
}
