package io.outcall.bridge.calls;

import io.outcall.core.call.CallStatus;
import io.outcall.core.call.HangupCause;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the bridge knows about one call it is following. Created by the thread that originates the
 * call, then read and changed only by the tracker thread.
 */
final class LiveCall {

    final String callId;
    final String tenantId;
    final String actionId;
    /** Uniqueid of the dialed half of a Local channel pair (OtherChannelId). */
    final String dialedHalfId;
    /** When this tracker started following the call (System.nanoTime). */
    final long followedSinceNanos = System.nanoTime();

    CallStatus written;
    final Set<String> liveChannels = new HashSet<>();
    /** Channel name by uniqueid, as Newchannel reported it: AMI Hangup names a channel, not an id. */
    final Map<String, String> channelNames = new HashMap<>();
    /** Channels seen hanging up; a stale CoreShowChannels snapshot must not revive them. */
    final Set<String> endedChannels = new HashSet<>();
    boolean anyChannelSeen;
    boolean originateResponded;
    Integer originateReason;
    String dialStatus;
    HangupCause dialedHalfCause;
    HangupCause originatedCause;
    Instant ringingAt;
    Instant answeredAt;
    Instant lastHangupAt;
    String channel;
    String failureReason;
    /** When this tracker first heard that the tenant canceled the call; null when it never did. */
    Instant cancelRequestedAt;
    /** System.nanoTime() of the last Hangup sent for the cancel; 0 while none was (no channel yet). */
    long cancelHangupSentNanos;
    long seq;

    LiveCall(String callId, String tenantId, String actionId, String dialedHalfId, CallStatus written) {
        this.callId = callId;
        this.tenantId = tenantId;
        this.actionId = actionId;
        this.dialedHalfId = dialedHalfId;
        this.written = written;
    }

    CallStatus observedStatus() {
        if (answeredAt != null) {
            return CallStatus.ANSWERED;
        }
        return ringingAt != null ? CallStatus.RINGING : CallStatus.DIALING;
    }

    boolean cancelRequested() {
        return cancelRequestedAt != null;
    }

    /** The cause that says most: the dialed half's unless it is empty (0), else the originated channel's. */
    HangupCause cause() {
        if (dialedHalfCause != null && dialedHalfCause.code() != 0) {
            return dialedHalfCause;
        }
        if (originatedCause != null && originatedCause.code() != 0) {
            return originatedCause;
        }
        return dialedHalfCause != null ? dialedHalfCause : originatedCause;
    }
}
