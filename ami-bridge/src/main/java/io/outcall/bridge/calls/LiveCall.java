package io.outcall.bridge.calls;

import io.outcall.core.call.CallStatus;

import java.time.Instant;

/**
 * One call the bridge follows. Created by the thread that originates or adopts it, then read and
 * changed only by the tracker thread, except {@link #followedSince}, which the metrics read.
 * What is known lives in small immutable values ({@link CallFacts}, {@link CancelRequest},
 * {@link PlatformVerdict}) that each fact replaces.
 */
final class LiveCall {

    final String callId;
    /**
     * The originated channel's uniqueid, and every channel's Linkedid: the call id on a first attempt,
     * derived from it and the attempt on a retry, so a late event of an earlier attempt finds nothing.
     */
    final String channelId;
    /** Which dial of the call this is, 1-based: every status write of it is conditional on it. */
    final int attempt;
    /** When an unanswered end is retried, and when the next attempt may start; {@link RetryPlan#NONE}: never. */
    final RetryPlan retry;
    final String tenantId;
    final String actionId;
    /** Uniqueid of the dialed half of a Local channel pair (OtherChannelId). */
    final String dialedHalfId;
    /** When this tracker started following the call, on the tracker's clock. */
    final Instant followedSince;
    final CallChannels channels = new CallChannels();

    CallFacts facts;
    /** What the dialplan reported of answering-machine detection; {@link AmdFacts#NONE} until it does. */
    AmdFacts amd = AmdFacts.NONE;
    /** Null while the tenant did not ask to stop the call. */
    CancelRequest cancel;
    /** Null while only Asterisk's events can end the call. */
    PlatformVerdict verdict;
    /** The last status handed to the sink. */
    CallStatus written;
    /** Seq of the last timeline event. */
    long seq;
    /** When the last event of the call was handled, or Asterisk last confirmed it, on the tracker's clock. */
    Instant lastHeard;

    LiveCall(String callId, String tenantId, String actionId, String dialedHalfId, CallStatus written, CallFacts facts,
             Instant followedSince) {
        this(callId, callId, 1, RetryPlan.NONE, tenantId, actionId, dialedHalfId, written, facts, followedSince);
    }

    LiveCall(String callId, String channelId, int attempt, RetryPlan retry, String tenantId, String actionId,
             String dialedHalfId, CallStatus written, CallFacts facts, Instant followedSince) {
        this.callId = callId;
        this.channelId = channelId;
        this.attempt = attempt;
        this.retry = retry;
        this.tenantId = tenantId;
        this.actionId = actionId;
        this.dialedHalfId = dialedHalfId;
        this.written = written;
        this.facts = facts;
        this.followedSince = followedSince;
        this.lastHeard = followedSince;
    }

    boolean cancelRequested() {
        return cancel != null;
    }
}
