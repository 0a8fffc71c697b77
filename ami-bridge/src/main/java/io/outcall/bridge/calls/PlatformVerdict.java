package io.outcall.bridge.calls;

import java.time.Instant;

/**
 * The platform, not Asterisk's events, decided that a call is over: Asterisk refused its Originate,
 * or no longer has its channels although the bridge saw no end. Whatever happened after the last
 * seen fact (how long it talked, how it ended) is unknown.
 *
 * @param failureReason what the call record says about it, e.g. {@code ENDED_UNOBSERVED: ...}
 * @param decidedAt     when the bridge found out: the latest the call can have ended
 */
record PlatformVerdict(String failureReason, Instant decidedAt) {
}
