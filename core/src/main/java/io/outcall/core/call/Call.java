package io.outcall.core.call;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.recording.Recording;
import io.outcall.core.retry.RetryPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One outbound call as it is recorded. Intake creates it {@link CallStatus#QUEUED}; the bridge
 * fills in the dialing, answer and end, the disposition and the hangup cause.
 *
 * @param from            the caller-ID number (a DID of the tenant), E.164
 * @param didId           which of the tenant's DIDs {@code from} is
 * @param failureReason   why a call ended FAILED without Asterisk saying so (e.g. it could not be queued)
 * @param cancelRequestedAt when the tenant asked to stop a call that was already dialing; the bridge
 *                        then hangs it up and it ends CANCELED at {@code endedAt}
 * @param version         incremented on every write, for ordering and optimistic updates
 * @param callerIdReason  how intake chose {@code from} (e.g. {@code localPresence: area +1404}); null on
 *                        calls recorded before it was kept
 * @param timelineExpiresAt when the call's timeline items expire (DynamoDB TTL), from the tenant's retention
 *                        when the call was accepted; null: kept
 * @param amd             the answering-machine detection the call was dialed with (its tenant's with
 *                        the request's overrides); null: none
 * @param amdOutcome      what the detection found; null until the dialplan reports
 * @param record          whether the dialplan records the call (MixMonitor)
 * @param recording       the recording once the bridge stored it in the audio bucket; null before, or never
 * @param prompt          the name of the tenant's prompt the call plays (OUTCALL_PROMPT); null: none
 * @param notBefore       the instant the call may be dialed at the earliest (it waits {@link CallStatus#SCHEDULED}
 *                        until then); null: dialed as soon as accepted
 * @param scheduledReason why it was scheduled; null when {@code notBefore} is
 * @param attempt         the current (or last) dial of the call, 1-based; the channel id of attempt
 *                        n &gt; 1 is derived from the call id and n
 * @param attempts        the attempts that ended, in order; empty for a call never retried
 * @param retry           when the call is dialed again after an unanswered attempt; null: never
 */
public record Call(
        String callId,
        String tenantId,
        String to,
        String from,
        String didId,
        String callerName,
        String transferNumber,
        String context,
        Map<String, String> variables,
        int ringTimeoutSeconds,
        CallStatus status,
        Disposition disposition,
        HangupCause hangupCause,
        String failureReason,
        Instant createdAt,
        Instant dialedAt,
        Instant ringingAt,
        Instant answeredAt,
        Instant endedAt,
        Instant cancelRequestedAt,
        Integer ringSeconds,
        Integer talkSeconds,
        JourneyRef journey,
        String idempotencyKey,
        String channel,
        long version,
        String callerIdReason,
        Instant timelineExpiresAt,
        AmdSettings amd,
        AmdOutcome amdOutcome,
        boolean record,
        Recording recording,
        String prompt,
        Instant notBefore,
        ScheduledReason scheduledReason,
        int attempt,
        List<CallAttempt> attempts,
        RetryPolicy retry) {

    public Call {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        amd = amd == null || !amd.on() ? null : amd;
        attempt = Math.max(1, attempt);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A call on its first attempt that is never retried. */
    public Call(String callId, String tenantId, String to, String from, String didId, String callerName,
                String transferNumber, String context, Map<String, String> variables, int ringTimeoutSeconds,
                CallStatus status, Disposition disposition, HangupCause hangupCause, String failureReason,
                Instant createdAt, Instant dialedAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
                Instant cancelRequestedAt, Integer ringSeconds, Integer talkSeconds, JourneyRef journey,
                String idempotencyKey, String channel, long version, String callerIdReason, Instant timelineExpiresAt,
                AmdSettings amd, AmdOutcome amdOutcome, boolean record, Recording recording, String prompt,
                Instant notBefore, ScheduledReason scheduledReason) {
        this(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables, ringTimeoutSeconds,
                status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt, answeredAt, endedAt,
                cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version, callerIdReason,
                timelineExpiresAt, amd, amdOutcome, record, recording, prompt, notBefore, scheduledReason, 1, List.of(),
                null);
    }

    /** A call dialed as soon as accepted: no {@code notBefore}. */
    public Call(String callId, String tenantId, String to, String from, String didId, String callerName,
                String transferNumber, String context, Map<String, String> variables, int ringTimeoutSeconds,
                CallStatus status, Disposition disposition, HangupCause hangupCause, String failureReason,
                Instant createdAt, Instant dialedAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
                Instant cancelRequestedAt, Integer ringSeconds, Integer talkSeconds, JourneyRef journey,
                String idempotencyKey, String channel, long version, String callerIdReason, Instant timelineExpiresAt,
                AmdSettings amd, AmdOutcome amdOutcome, boolean record, Recording recording, String prompt) {
        this(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables, ringTimeoutSeconds,
                status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt, answeredAt, endedAt,
                cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version, callerIdReason,
                timelineExpiresAt, amd, amdOutcome, record, recording, prompt, null, null);
    }

    /** A call that is not recorded and plays no prompt of its tenant. */
    public Call(String callId, String tenantId, String to, String from, String didId, String callerName,
                String transferNumber, String context, Map<String, String> variables, int ringTimeoutSeconds,
                CallStatus status, Disposition disposition, HangupCause hangupCause, String failureReason,
                Instant createdAt, Instant dialedAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
                Instant cancelRequestedAt, Integer ringSeconds, Integer talkSeconds, JourneyRef journey,
                String idempotencyKey, String channel, long version, String callerIdReason, Instant timelineExpiresAt,
                AmdSettings amd, AmdOutcome amdOutcome) {
        this(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables, ringTimeoutSeconds,
                status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt, answeredAt, endedAt,
                cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version, callerIdReason,
                timelineExpiresAt, amd, amdOutcome, false, null, null);
    }

    /** A call without answering-machine detection. */
    public Call(String callId, String tenantId, String to, String from, String didId, String callerName,
                String transferNumber, String context, Map<String, String> variables, int ringTimeoutSeconds,
                CallStatus status, Disposition disposition, HangupCause hangupCause, String failureReason,
                Instant createdAt, Instant dialedAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
                Instant cancelRequestedAt, Integer ringSeconds, Integer talkSeconds, JourneyRef journey,
                String idempotencyKey, String channel, long version, String callerIdReason, Instant timelineExpiresAt) {
        this(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables, ringTimeoutSeconds,
                status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt, answeredAt, endedAt,
                cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version, callerIdReason,
                timelineExpiresAt, null, null);
    }

    /** A call without a recorded caller-ID reason. */
    public Call(String callId, String tenantId, String to, String from, String didId, String callerName,
                String transferNumber, String context, Map<String, String> variables, int ringTimeoutSeconds,
                CallStatus status, Disposition disposition, HangupCause hangupCause, String failureReason,
                Instant createdAt, Instant dialedAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
                Instant cancelRequestedAt, Integer ringSeconds, Integer talkSeconds, JourneyRef journey,
                String idempotencyKey, String channel, long version) {
        this(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables, ringTimeoutSeconds,
                status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt, answeredAt, endedAt,
                cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version, null, null);
    }

    public Call withCallerIdReason(String reason) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                reason, timelineExpiresAt, amd, amdOutcome, record, recording, prompt, notBefore, scheduledReason, attempt, attempts, retry);
    }

    public Call withTimelineExpiresAt(Instant expiresAt) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, expiresAt, amd, amdOutcome, record, recording, prompt, notBefore, scheduledReason, attempt, attempts, retry);
    }

    /** With the answering-machine detection it is dialed with; off (or null) is none. */
    public Call withAmd(AmdSettings settings) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, timelineExpiresAt, settings, amdOutcome, record, recording, prompt, notBefore, scheduledReason, attempt, attempts, retry);
    }

    /** With what answering-machine detection found (as a stored record gives it). */
    public Call withAmdOutcome(AmdOutcome outcome) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, timelineExpiresAt, amd, outcome, record, recording, prompt, notBefore, scheduledReason, attempt, attempts, retry);
    }

    /** Recorded or not, as intake decided. */
    public Call withRecord(boolean recorded) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, timelineExpiresAt, amd, amdOutcome, recorded, recording, prompt, notBefore, scheduledReason, attempt, attempts, retry);
    }

    /** With its stored recording (as a stored record gives it); null: none. */
    public Call withRecording(Recording stored) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, timelineExpiresAt, amd, amdOutcome, record, stored, prompt, notBefore, scheduledReason, attempt, attempts, retry);
    }

    /** A call just accepted by intake, waiting in the queue for the bridge. */
    public static Call queued(String callId, String tenantId, String to, String from, String didId, String callerName,
                              String transferNumber, String context, Map<String, String> variables,
                              int ringTimeoutSeconds, Instant createdAt, JourneyRef journey, String idempotencyKey) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, CallStatus.QUEUED, null, null, null, createdAt, null, null, null, null, null, null, null,
                journey, idempotencyKey, null, 1);
    }

    /**
     * This call waiting SCHEDULED until {@code at} for {@code reason}; or, with a null {@code at},
     * one dialed as soon as accepted.
     */
    public Call scheduledAt(Instant at, ScheduledReason reason) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, at == null ? status : CallStatus.SCHEDULED, disposition, hangupCause, failureReason,
                createdAt, dialedAt, ringingAt, answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey,
                idempotencyKey, channel, version, callerIdReason, timelineExpiresAt, amd, amdOutcome, record, recording,
                prompt, at, at == null ? null : reason, attempt, attempts, retry);
    }

    /** This QUEUED or SCHEDULED call as its cancel leaves it: CANCELED at {@code at}, never dialed. */
    public Call canceledWhileQueued(Instant at) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, CallStatus.CANCELED, Disposition.CANCELED, null, failureReason, createdAt, null, null,
                null, at, null, null, null, journey, idempotencyKey, channel, version + 1, callerIdReason,
                timelineExpiresAt, amd, amdOutcome, record, recording, prompt, notBefore, scheduledReason, attempt, attempts, retry);
    }

    /** With the name of the tenant's prompt it plays; null for none. */
    public Call withPrompt(String name) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, timelineExpiresAt, amd, amdOutcome, record, recording, name, notBefore, scheduledReason, attempt, attempts, retry);
    }

    /** With the retry policy intake resolved (the tenant's with the request's override); null: never retried. */
    public Call withRetry(RetryPolicy policy) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, timelineExpiresAt, amd, amdOutcome, record, recording, prompt, notBefore, scheduledReason,
                attempt, attempts, policy);
    }

    /** On attempt {@code current} with {@code ended} behind it (as a stored record gives them). */
    public Call withAttempts(int current, List<CallAttempt> ended) {
        return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel, version,
                callerIdReason, timelineExpiresAt, amd, amdOutcome, record, recording, prompt, notBefore, scheduledReason,
                current, ended, retry);
    }
}
