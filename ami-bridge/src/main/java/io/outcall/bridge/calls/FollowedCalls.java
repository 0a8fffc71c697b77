package io.outcall.bridge.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The calls the tracker follows, by call id (cancels, duplicate messages), by the channel id of their
 * current attempt (every channel's Linkedid) and by the ActionID of their Originate
 * (OriginateResponse's only key), and those it finished recently. Changed only on the
 * tracker thread; read from any.
 */
final class FollowedCalls {

    /** Calls finished by this process are kept this long, so their late duplicate messages are recognised. */
    private static final Duration REMEMBER_FINISHED = Duration.ofMinutes(15);

    private final Map<String, LiveCall> byCallId = new ConcurrentHashMap<>();
    private final Map<String, LiveCall> byChannelId = new ConcurrentHashMap<>();
    private final Map<String, LiveCall> byActionId = new ConcurrentHashMap<>();
    private final Map<String, Instant> recentlyFinished = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> finishedOrder = new ConcurrentLinkedQueue<>();

    void follow(LiveCall call) {
        byCallId.put(call.callId, call);
        byChannelId.put(call.channelId, call);
        byActionId.put(call.actionId, call);
    }

    /** Stops following the call; false when it was not followed, so whoever calls this first ends it. */
    boolean unfollow(LiveCall call, Instant now) {
        if (byCallId.remove(call.callId) == null) {
            return false;
        }
        byChannelId.remove(call.channelId);
        byActionId.remove(call.actionId);
        remember(call.callId, now);
        return true;
    }

    /** Events of other clients or of system channels may lack the key: they are simply not ours. */
    LiveCall byCallId(String callId) {
        return callId == null ? null : byCallId.get(callId);
    }

    /** An event's call, by its Linkedid: only the current attempt's channels find it. */
    LiveCall byChannelId(String channelId) {
        return channelId == null ? null : byChannelId.get(channelId);
    }

    LiveCall byActionId(String actionId) {
        return actionId == null ? null : byActionId.get(actionId);
    }

    boolean isFollowing(String callId) {
        return byCallId.containsKey(callId);
    }

    /** Followed, or finished recently: its final write may still be on its way. */
    boolean knows(String callId) {
        return byCallId.containsKey(callId) || recentlyFinished.containsKey(callId);
    }

    int size() {
        return byCallId.size();
    }

    /** A live view; on the tracker thread only, and copied before anything in it may end. */
    Collection<LiveCall> all() {
        return byCallId.values();
    }

    /** Whole seconds since the longest-followed call was first followed; 0 when none is. */
    long oldestAgeSeconds(Instant now) {
        Instant oldest = null;
        for (LiveCall call : byCallId.values()) {
            if (oldest == null || call.followedSince.isBefore(oldest)) {
                oldest = call.followedSince;
            }
        }
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
    }

    private void remember(String callId, Instant now) {
        recentlyFinished.put(callId, now);
        finishedOrder.add(callId);
        Instant forgetBefore = now.minus(REMEMBER_FINISHED);
        for (String oldest; (oldest = finishedOrder.peek()) != null; ) {
            Instant at = recentlyFinished.get(oldest);
            if (at != null && at.isAfter(forgetBefore)) {
                break;
            }
            finishedOrder.poll();
            recentlyFinished.remove(oldest);
        }
    }
}
