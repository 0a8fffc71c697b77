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

    public Call withCallerIdReason(String reason) {
        return toBuilder().callerIdReason(reason).build();
    }

    public Call withTimelineExpiresAt(Instant expiresAt) {
        return toBuilder().timelineExpiresAt(expiresAt).build();
    }

    /** With the answering-machine detection it is dialed with; off (or null) is none. */
    public Call withAmd(AmdSettings settings) {
        return toBuilder().amd(settings).build();
    }

    /** With what answering-machine detection found (as a stored record gives it). */
    public Call withAmdOutcome(AmdOutcome outcome) {
        return toBuilder().amdOutcome(outcome).build();
    }

    /** Recorded or not, as intake decided. */
    public Call withRecord(boolean recorded) {
        return toBuilder().record(recorded).build();
    }

    /** With its stored recording (as a stored record gives it); null: none. */
    public Call withRecording(Recording stored) {
        return toBuilder().recording(stored).build();
    }

    /** A call just accepted by intake, waiting in the queue for the bridge. */
    public static Call queued(String callId, String tenantId, String to, String from, String didId, String callerName,
                              String transferNumber, String context, Map<String, String> variables,
                              int ringTimeoutSeconds, Instant createdAt, JourneyRef journey, String idempotencyKey) {
        return new Builder().callId(callId).tenantId(tenantId).to(to).from(from).didId(didId).callerName(callerName)
                .transferNumber(transferNumber).context(context).variables(variables)
                .ringTimeoutSeconds(ringTimeoutSeconds).status(CallStatus.QUEUED).createdAt(createdAt).journey(journey)
                .idempotencyKey(idempotencyKey).version(1).build();
    }

    /**
     * This call waiting SCHEDULED until {@code at} for {@code reason}; or, with a null {@code at},
     * one dialed as soon as accepted.
     */
    public Call scheduledAt(Instant at, ScheduledReason reason) {
        return toBuilder().status(at == null ? status : CallStatus.SCHEDULED).notBefore(at)
                .scheduledReason(at == null ? null : reason).build();
    }

    /** This QUEUED or SCHEDULED call as its cancel leaves it: CANCELED at {@code at}, never dialed. */
    public Call canceledWhileQueued(Instant at) {
        return toBuilder().status(CallStatus.CANCELED).disposition(Disposition.CANCELED).hangupCause(null)
                .dialedAt(null).ringingAt(null).answeredAt(null).endedAt(at).cancelRequestedAt(null).ringSeconds(null)
                .talkSeconds(null).version(version + 1).build();
    }

    /** With the name of the tenant's prompt it plays; null for none. */
    public Call withPrompt(String name) {
        return toBuilder().prompt(name).build();
    }

    /** With the retry policy intake resolved (the tenant's with the request's override); null: never retried. */
    public Call withRetry(RetryPolicy policy) {
        return toBuilder().retry(policy).build();
    }

    /** On attempt {@code current} with {@code ended} behind it (as a stored record gives them). */
    public Call withAttempts(int current, List<CallAttempt> ended) {
        return toBuilder().attempt(current).attempts(ended).build();
    }

    /** A builder holding every component of this call, to change some and {@link Builder#build()} a copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A call set component by component, by name. It exists so that one place, {@link #build()}, knows the
     * order of the 38 components: a copy or a new call names only what it sets, and adding a component
     * touches this class rather than a dozen positional argument lists in which two swapped Instants or
     * Strings would compile. A new builder holds a call's defaults: everything null, zero or false, on
     * attempt 1; {@link #build()} applies the record's normalisation (no variables, AMD off, no attempts).
     */
    public static final class Builder {
        private String callId, tenantId, to, from, didId, callerName, transferNumber, context;
        private Map<String, String> variables;
        private int ringTimeoutSeconds;
        private CallStatus status;
        private Disposition disposition;
        private HangupCause hangupCause;
        private String failureReason;
        private Instant createdAt, dialedAt, ringingAt, answeredAt, endedAt, cancelRequestedAt;
        private Integer ringSeconds, talkSeconds;
        private JourneyRef journey;
        private String idempotencyKey, channel;
        private long version;
        private String callerIdReason;
        private Instant timelineExpiresAt;
        private AmdSettings amd;
        private AmdOutcome amdOutcome;
        private boolean record;
        private Recording recording;
        private String prompt;
        private Instant notBefore;
        private ScheduledReason scheduledReason;
        private int attempt = 1;
        private List<CallAttempt> attempts;
        private RetryPolicy retry;

        public Builder() {
        }

        private Builder(Call c) {
            callId = c.callId; tenantId = c.tenantId; to = c.to; from = c.from; didId = c.didId;
            callerName = c.callerName; transferNumber = c.transferNumber; context = c.context;
            variables = c.variables; ringTimeoutSeconds = c.ringTimeoutSeconds; status = c.status;
            disposition = c.disposition; hangupCause = c.hangupCause; failureReason = c.failureReason;
            createdAt = c.createdAt; dialedAt = c.dialedAt; ringingAt = c.ringingAt; answeredAt = c.answeredAt;
            endedAt = c.endedAt; cancelRequestedAt = c.cancelRequestedAt; ringSeconds = c.ringSeconds;
            talkSeconds = c.talkSeconds; journey = c.journey; idempotencyKey = c.idempotencyKey; channel = c.channel;
            version = c.version; callerIdReason = c.callerIdReason; timelineExpiresAt = c.timelineExpiresAt;
            amd = c.amd; amdOutcome = c.amdOutcome; record = c.record; recording = c.recording; prompt = c.prompt;
            notBefore = c.notBefore; scheduledReason = c.scheduledReason; attempt = c.attempt;
            attempts = c.attempts; retry = c.retry;
        }

        public Builder callId(String v) { callId = v; return this; }
        public Builder tenantId(String v) { tenantId = v; return this; }
        public Builder to(String v) { to = v; return this; }
        public Builder from(String v) { from = v; return this; }
        public Builder didId(String v) { didId = v; return this; }
        public Builder callerName(String v) { callerName = v; return this; }
        public Builder transferNumber(String v) { transferNumber = v; return this; }
        public Builder context(String v) { context = v; return this; }
        public Builder variables(Map<String, String> v) { variables = v; return this; }
        public Builder ringTimeoutSeconds(int v) { ringTimeoutSeconds = v; return this; }
        public Builder status(CallStatus v) { status = v; return this; }
        public Builder disposition(Disposition v) { disposition = v; return this; }
        public Builder hangupCause(HangupCause v) { hangupCause = v; return this; }
        public Builder failureReason(String v) { failureReason = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder dialedAt(Instant v) { dialedAt = v; return this; }
        public Builder ringingAt(Instant v) { ringingAt = v; return this; }
        public Builder answeredAt(Instant v) { answeredAt = v; return this; }
        public Builder endedAt(Instant v) { endedAt = v; return this; }
        public Builder cancelRequestedAt(Instant v) { cancelRequestedAt = v; return this; }
        public Builder ringSeconds(Integer v) { ringSeconds = v; return this; }
        public Builder talkSeconds(Integer v) { talkSeconds = v; return this; }
        public Builder journey(JourneyRef v) { journey = v; return this; }
        public Builder idempotencyKey(String v) { idempotencyKey = v; return this; }
        public Builder channel(String v) { channel = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder callerIdReason(String v) { callerIdReason = v; return this; }
        public Builder timelineExpiresAt(Instant v) { timelineExpiresAt = v; return this; }
        public Builder amd(AmdSettings v) { amd = v; return this; }
        public Builder amdOutcome(AmdOutcome v) { amdOutcome = v; return this; }
        public Builder record(boolean v) { record = v; return this; }
        public Builder recording(Recording v) { recording = v; return this; }
        public Builder prompt(String v) { prompt = v; return this; }
        public Builder notBefore(Instant v) { notBefore = v; return this; }
        public Builder scheduledReason(ScheduledReason v) { scheduledReason = v; return this; }
        public Builder attempt(int v) { attempt = v; return this; }
        public Builder attempts(List<CallAttempt> v) { attempts = v; return this; }
        public Builder retry(RetryPolicy v) { retry = v; return this; }

        /** The call, through the canonical constructor: the one call of it that lists the components in order. */
        public Call build() {
            return new Call(callId, tenantId, to, from, didId, callerName, transferNumber, context, variables,
                    ringTimeoutSeconds, status, disposition, hangupCause, failureReason, createdAt, dialedAt, ringingAt,
                    answeredAt, endedAt, cancelRequestedAt, ringSeconds, talkSeconds, journey, idempotencyKey, channel,
                    version, callerIdReason, timelineExpiresAt, amd, amdOutcome, record, recording, prompt, notBefore,
                    scheduledReason, attempt, attempts, retry);
        }
    }
}
