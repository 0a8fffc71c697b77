package io.outcall.bridge.calls;

import java.time.Instant;

/**
 * The call's tenant asked to stop it.
 *
 * @param requestedAt  when this tracker first heard of it
 * @param hangupSentAt when the last Hangup for it was sent; null while none was (no channel yet)
 */
record CancelRequest(Instant requestedAt, Instant hangupSentAt) {

    static CancelRequest heardAt(Instant at) {
        return new CancelRequest(at, null);
    }

    CancelRequest hangupSent(Instant at) {
        return new CancelRequest(requestedAt, at);
    }
}
