package io.outcall.core.dynamo;

import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.amd.AnsweredBy;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.call.ScheduledReason;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.integer;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.number;
import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * The call record's DynamoDB item. Besides the call's own fields it carries the keys of the
 * tenant's read indexes ({@code tenantStatus} "tenant#STATUS", {@code tenantDisposition},
 * {@code tenantTo} "tenant#+E164", {@code tenantJourney}) and {@code statusRank}, which
 * conditional writes compare so status only moves forward. A scheduled call carries {@code notBefore}
 * (ISO-8601) and {@code scheduledReason} (its JSON name); the keys of the due index are set by
 * {@link DynamoCallStore} and {@link DynamoScheduledCalls}, not here.
 */
public final class CallItems {

    private CallItems() {
    }

    public static String tenantStatus(String tenantId, CallStatus status) {
        return tenantId + "#" + status.name();
    }

    public static String tenantDisposition(String tenantId, Disposition disposition) {
        return tenantId + "#" + disposition.name();
    }

    /** Key of the by-number index: a tenant's calls to one number. */
    public static String tenantTo(String tenantId, String to) {
        return tenantId + "#" + to;
    }

    /** Key of the by-journey index. */
    public static String tenantJourney(String tenantId, String journeyId) {
        return tenantId + "#" + journeyId;
    }

    /** Key of the by-answeredBy index: a tenant's calls one kind of answerer picked up. */
    public static String tenantAnsweredBy(String tenantId, AnsweredBy answeredBy) {
        return tenantId + "#" + answeredBy.json();
    }

    public static Map<String, AttributeValue> toItem(Call call) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("callId", s(call.callId()));
        item.put("tenantId", s(call.tenantId()));
        item.put("tenantStatus", s(tenantStatus(call.tenantId(), call.status())));
        item.put("status", s(call.status().name()));
        item.put("statusRank", n(call.status().rank()));
        item.put("to", s(call.to()));
        item.put("tenantTo", s(tenantTo(call.tenantId(), call.to())));
        putIfPresent(item, "from", call.from());
        putIfPresent(item, "didId", call.didId());
        putIfPresent(item, "callerName", call.callerName());
        putIfPresent(item, "transferNumber", call.transferNumber());
        item.put("context", s(call.context()));
        if (!call.variables().isEmpty()) {
            Map<String, AttributeValue> variables = new LinkedHashMap<>();
            call.variables().forEach((k, v) -> variables.put(k, s(v)));
            item.put("variables", AttributeValue.fromM(variables));
        }
        item.put("ringTimeoutSeconds", n(call.ringTimeoutSeconds()));
        if (call.disposition() != null) {
            item.put("disposition", s(call.disposition().name()));
            item.put("tenantDisposition", s(tenantDisposition(call.tenantId(), call.disposition())));
        }
        if (call.hangupCause() != null) {
            item.put("hangupCauseCode", n(call.hangupCause().code()));
            item.put("hangupCauseText", s(call.hangupCause().text()));
        }
        putIfPresent(item, "failureReason", call.failureReason());
        putIfPresent(item, "createdAt", call.createdAt());
        putIfPresent(item, "dialedAt", call.dialedAt());
        putIfPresent(item, "ringingAt", call.ringingAt());
        putIfPresent(item, "answeredAt", call.answeredAt());
        putIfPresent(item, "endedAt", call.endedAt());
        putIfPresent(item, "cancelRequestedAt", call.cancelRequestedAt());
        putIfPresent(item, "ringSeconds", call.ringSeconds());
        putIfPresent(item, "talkSeconds", call.talkSeconds());
        if (call.journey() != null) {
            putIfPresent(item, "journeyId", call.journey().journeyId());
            if (call.journey().journeyId() != null) {
                item.put("tenantJourney", s(tenantJourney(call.tenantId(), call.journey().journeyId())));
            }
            putIfPresent(item, "executionId", call.journey().executionId());
            putIfPresent(item, "stepId", call.journey().stepId());
            putIfPresent(item, "taskToken", call.journey().taskToken());
        }
        putIfPresent(item, "idempotencyKey", call.idempotencyKey());
        putIfPresent(item, "channel", call.channel());
        putIfPresent(item, "callerIdReason", call.callerIdReason());
        if (call.timelineExpiresAt() != null) {
            item.put("timelineExpiresAt", n(call.timelineExpiresAt().getEpochSecond()));
        }
        AmdItems.put(item, call.amd());
        putIfPresent(item, "prompt", call.prompt());
        AmdOutcome amd = call.amdOutcome();
        if (amd != null) {
            if (amd.answeredBy() != null) {
                item.put("answeredBy", s(amd.answeredBy().json()));
                item.put("tenantAnsweredBy", s(tenantAnsweredBy(call.tenantId(), amd.answeredBy())));
            }
            putIfPresent(item, "amdStatus", amd.status());
            putIfPresent(item, "amdCause", amd.cause());
            putIfPresent(item, "amdDetectedAt", amd.detectedAt());
            putIfPresent(item, "amdMillis", amd.millis());
            putIfPresent(item, "voicemailLeftAt", amd.voicemailLeftAt());
        }
        RecordingItems.put(item, call.record(), call.recording());
        putIfPresent(item, "notBefore", call.notBefore());
        if (call.scheduledReason() != null) {
            item.put("scheduledReason", s(call.scheduledReason().json()));
        }
        RetryItems.put(item, call.attempt(), call.attempts(), call.retry());
        item.put("version", n(call.version()));
        return item;
    }

    public static Call fromItem(Map<String, AttributeValue> item) {
        Map<String, String> variables = new LinkedHashMap<>();
        AttributeValue vars = item.get("variables");
        if (vars != null) {
            vars.m().forEach((k, v) -> variables.put(k, v.s()));
        }
        String disposition = string(item, "disposition");
        Integer causeCode = integer(item, "hangupCauseCode");
        String journeyId = string(item, "journeyId");
        String executionId = string(item, "executionId");
        return new Call.Builder()
                .callId(string(item, "callId"))
                .tenantId(string(item, "tenantId"))
                .to(string(item, "to"))
                .from(string(item, "from"))
                .didId(string(item, "didId"))
                .callerName(string(item, "callerName"))
                .transferNumber(string(item, "transferNumber"))
                .context(string(item, "context"))
                .variables(variables)
                .ringTimeoutSeconds((int) number(item, "ringTimeoutSeconds", 0))
                .status(CallStatus.valueOf(string(item, "status")))
                .disposition(disposition == null ? null : Disposition.valueOf(disposition))
                .hangupCause(causeCode == null ? null : new HangupCause(causeCode, string(item, "hangupCauseText")))
                .failureReason(string(item, "failureReason"))
                .createdAt(instant(item, "createdAt"))
                .dialedAt(instant(item, "dialedAt"))
                .ringingAt(instant(item, "ringingAt"))
                .answeredAt(instant(item, "answeredAt"))
                .endedAt(instant(item, "endedAt"))
                .cancelRequestedAt(instant(item, "cancelRequestedAt"))
                .ringSeconds(integer(item, "ringSeconds"))
                .talkSeconds(integer(item, "talkSeconds"))
                .journey(journeyId == null && executionId == null ? null
                        : new JourneyRef(journeyId, executionId, string(item, "stepId"), string(item, "taskToken")))
                .idempotencyKey(string(item, "idempotencyKey"))
                .channel(string(item, "channel"))
                .version(number(item, "version", 0))
                .callerIdReason(string(item, "callerIdReason"))
                .timelineExpiresAt(item.containsKey("timelineExpiresAt")
                        ? java.time.Instant.ofEpochSecond(number(item, "timelineExpiresAt", 0)) : null)
                .amd(AmdItems.read(item))
                .amdOutcome(amdOutcome(item))
                .record(RecordingItems.record(item))
                .recording(RecordingItems.recording(item))
                .prompt(string(item, "prompt"))
                .notBefore(instant(item, "notBefore"))
                .scheduledReason(scheduledReason(item))
                .attempt(RetryItems.attemptOf(item))
                .attempts(RetryItems.attempts(item))
                .retry(RetryItems.policy(item))
                .build();
    }

    /** Null when the item has none (never scheduled). */
    private static ScheduledReason scheduledReason(Map<String, AttributeValue> item) {
        String reason = string(item, "scheduledReason");
        return reason == null ? null : ScheduledReason.fromJson(reason);
    }

    /** Null when the item holds no AMD result and no voicemail report. */
    static AmdOutcome amdOutcome(Map<String, AttributeValue> item) {
        String status = string(item, "amdStatus");
        Instant voicemailLeftAt = instant(item, "voicemailLeftAt");
        if (status == null && voicemailLeftAt == null) {
            return null;
        }
        return new AmdOutcome(status, string(item, "amdCause"), instant(item, "amdDetectedAt"),
                integer(item, "amdMillis"), voicemailLeftAt);
    }
}
