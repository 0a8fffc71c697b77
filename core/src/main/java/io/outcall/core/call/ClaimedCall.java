package io.outcall.core.call;

import java.time.Instant;

/**
 * A call some bridge claimed for dialing.
 *
 * @param originatedAt when Asterisk accepted its Originate; null if the claimer never got that far
 */
public record ClaimedCall(Call call, String bridgeId, Instant originatedAt) {
}
