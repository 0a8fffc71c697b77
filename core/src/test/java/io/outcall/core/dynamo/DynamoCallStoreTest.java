package io.outcall.core.dynamo;

import io.outcall.core.call.Call;
import io.outcall.core.call.CallAlreadyExistsException;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call store on DynamoDB Local, with the CallsTable of template.yaml. */
@ExtendWith(SharedLocalServices.class)
class DynamoCallStoreTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T12:00:00.123456Z");

    private static LocalServices aws;
    private static DynamoCallStore store;
    private final CallId callIds = CallId.systemGenerator();
    private final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeAll
    static void start(LocalServices shared) {
        aws = shared;
        store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
    }


    @Test
    void everyFieldOfAFinishedCallSurvivesTheRoundTrip() {
        Call call = new Call.Builder().callId(callIds.next()).tenantId(tenant).to("+14045550199")
                .from("+14045550100").didId("did-main").callerName("Acme Sales").transferNumber("+14045550142")
                .context("outbound").variables(Map.of("GREETING", "hello, \"world\"", "LANG", "en"))
                .ringTimeoutSeconds(45).status(CallStatus.COMPLETED).disposition(Disposition.ANSWERED)
                .hangupCause(new HangupCause(16, "Normal Clearing")).failureReason("kept verbatim").createdAt(CREATED)
                .dialedAt(CREATED.plusMillis(150)).ringingAt(CREATED.plusSeconds(1)).answeredAt(CREATED.plusSeconds(7))
                .endedAt(CREATED.plusSeconds(49)).cancelRequestedAt(CREATED.plusSeconds(48)).ringSeconds(6)
                .talkSeconds(42).journey(new JourneyRef("journey-1", "execution-1", "step-1"))
                .idempotencyKey(tenant + "#http#k1").channel("PJSIP/trunk-00000001").version(6).build();

        store.create(call);

        assertEquals(Optional.of(call), store.find(call.callId()));
    }

    @Test
    void aFreshlyQueuedCallWithItsGapsSurvivesTheRoundTrip() {
        Call call = Call.queued(callIds.next(), tenant, "+14045550199", "+14045550100", "did-main", null, null,
                "outbound", Map.of(), 30, CREATED, null, null);

        store.create(call);

        assertEquals(Optional.of(call), store.find(call.callId()));
    }

    @Test
    void anUnknownCallIsNotFound() {
        assertEquals(Optional.empty(), store.find(callIds.next()));
    }

    @Test
    void aCallIsRecordedOnlyOnce() {
        Call first = queued();
        Call second = Call.queued(first.callId(), tenant, "+14045550198", "+14045550101", "did-spare", null, null,
                "survey", Map.of(), 30, CREATED.plusSeconds(1), null, null);
        store.create(first);

        var e = assertThrows(CallAlreadyExistsException.class, () -> store.create(second));

        assertTrue(e.getMessage().contains(first.callId()), e.getMessage());
        assertEquals(Optional.of(first), store.find(first.callId()), "the first write stands");
    }

    @Test
    void failEndsAQueuedCallFailedWithItsReason() {
        Call call = queued();
        store.create(call);
        Instant at = CREATED.plusSeconds(2);

        assertTrue(store.fail(call, "QUEUE_UNAVAILABLE: could not be queued", at));

        Call failed = store.find(call.callId()).orElseThrow();
        assertEquals(CallStatus.FAILED, failed.status());
        assertEquals(Disposition.FAILED, failed.disposition());
        assertEquals("QUEUE_UNAVAILABLE: could not be queued", failed.failureReason());
        assertEquals(at, failed.endedAt());
        assertEquals(call.version() + 1, failed.version());
        assertEquals(call.to(), failed.to(), "the rest of the call is untouched");

        Map<String, AttributeValue> item = rawItem(call.callId());
        assertEquals(tenant + "#FAILED", item.get("tenantStatus").s(), "the by-status index lists it as failed");
        assertEquals(String.valueOf(CallStatus.FAILED.rank()), item.get("statusRank").n());
    }

    @Test
    void failDoesNothingOnceTheCallHasMovedOn() {
        Call call = queued();
        store.create(call);
        Call asIfDialing = call.toBuilder().status(CallStatus.DIALING).build();

        assertFalse(store.fail(asIfDialing, "too late", CREATED.plusSeconds(2)));
        assertEquals(Optional.of(call), store.find(call.callId()));
    }

    @Test
    void failHappensOnlyOnce() {
        Call call = queued();
        store.create(call);
        assertTrue(store.fail(call, "first", CREATED.plusSeconds(2)));

        assertFalse(store.fail(call, "second", CREATED.plusSeconds(3)));
        assertEquals("first", store.find(call.callId()).orElseThrow().failureReason());
    }

    @Test
    void failOfAnUnrecordedCallRecordsNothing() {
        Call call = queued();

        assertFalse(store.fail(call, "never written", CREATED.plusSeconds(2)));
        assertEquals(Optional.empty(), store.find(call.callId()));
    }

    private Call queued() {
        return Call.queued(callIds.next(), tenant, "+14045550199", "+14045550100", "did-main", "Acme Sales",
                "+14045550142", "outbound", Map.of("GREETING", "hello"), 30, CREATED,
                new JourneyRef("journey-1", "execution-1", "step-1"), tenant + "#http#k1");
    }

    private static Map<String, AttributeValue> rawItem(String callId) {
        return aws.dynamoDb().getItem(b -> b.tableName("CallsTable")
                .key(Map.of("callId", AttributeValue.fromS(callId))).consistentRead(true)).item();
    }
}
