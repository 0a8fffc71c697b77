package io.outcall.core.calllog;

import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdOutcome;
import io.outcall.core.amd.AmdParameters;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.AnsweredBy;
import io.outcall.core.amd.VoicemailMessage;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.dynamo.DynamoCallLogStore;
import io.outcall.core.dynamo.DynamoCallStatsStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.stats.CallStats;
import io.outcall.core.stats.CallStatsQuery;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A call's AMD settings and result as DynamoDB keeps them: the record, the sparse by-answeredBy
 * index the call log filters on, and the statistics counters the final write adds in its transaction.
 */
@ExtendWith(SharedLocalServices.class)
class AmdOnDynamoDbTest {

    private static final Instant HOUR = Instant.parse("2026-10-05T09:00:00Z");
    private static final AmdSettings LEAVE = new AmdSettings(AmdMode.LEAVE_MESSAGE, AmdParameters.DEFAULTS,
            new VoicemailMessage("outcall/reminder", 1500));

    @Test
    void resultsAreRecordedFilteredAndCountedPerBucket(LocalServices aws) {
        String tenant = "tenant-amd-" + UUID.randomUUID();
        DynamoCallStore store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
        Instant answered = HOUR.plusSeconds(65);
        Call machine = answered(store, tenant, 10, LEAVE);
        Call human = answered(store, tenant, 20, LEAVE);
        Call plain = answered(store, tenant, 30, null);

        // The machine's result while it is live, then its message and end.
        AmdOutcome detected = new AmdOutcome("MACHINE", "LONGGREETING-1500-1500", answered.plusMillis(2181), 2181, null);
        assertEquals(true, store.recordAmd(machine.callId(), tenant, detected));
        assertEquals(AnsweredBy.MACHINE, store.find(machine.callId()).orElseThrow().amdOutcome().answeredBy());
        AmdOutcome left = new AmdOutcome("MACHINE", "LONGGREETING-1500-1500", answered.plusMillis(2181), 2181,
                answered.plusMillis(10_579));
        end(store, machine, answered, left);
        end(store, human, answered, new AmdOutcome("HUMAN", "HUMAN-800-800", answered.plusMillis(1900), 1900, null));
        end(store, plain, answered, null);
        assertFalse(store.recordAmd(machine.callId(), tenant, detected), "a final call keeps what its end wrote");

        Call storedMachine = store.find(machine.callId()).orElseThrow();
        assertEquals(CallStatus.COMPLETED, storedMachine.status());
        assertEquals(Disposition.ANSWERED, storedMachine.disposition(), "a machine is still an answered call");
        assertEquals(left, storedMachine.amdOutcome());
        assertEquals(LEAVE, storedMachine.amd());
        Call storedPlain = store.find(plain.callId()).orElseThrow();
        assertNull(storedPlain.amd());
        assertNull(storedPlain.amdOutcome());

        DynamoCallLogStore log = new DynamoCallLogStore(aws.dynamoDb(), "CallsTable");
        assertEquals(List.of(machine.callId()), ids(log, tenant, AnsweredBy.MACHINE));
        assertEquals(List.of(human.callId()), ids(log, tenant, AnsweredBy.HUMAN));
        assertEquals(List.of(), ids(log, tenant, AnsweredBy.NOT_SURE));

        CallStats.Report report = new CallStats(new DynamoCallStatsStore(aws.dynamoDb(), "CallStatsTable"))
                .report(tenant, CallStatsQuery.parse(Map.of("from", HOUR.toString(), "to", HOUR.plusSeconds(3600).toString(),
                        "interval", "hour"), HOUR));
        StatsBucket bucket = report.buckets().stream().filter(b -> b.calls() > 0).findFirst().orElseThrow();
        assertEquals(3, bucket.calls());
        assertEquals(Map.of(AnsweredBy.MACHINE, 1L, AnsweredBy.HUMAN, 1L), bucket.amd().byAnsweredBy());
        assertEquals(1, bucket.amd().voicemailsLeft());
        assertEquals((2181 + 1900) / 2.0, bucket.amd().averageMillis());
    }

    private static List<String> ids(DynamoCallLogStore log, String tenant, AnsweredBy answeredBy) {
        CallLogFilter filter = new CallLogFilter(null, null, HOUR, HOUR.plusSeconds(3600), null, null, answeredBy);
        return log.page(tenant, filter, 25, null, 1000).calls().stream().map(Call::callId).toList();
    }

    private static Call answered(DynamoCallStore store, String tenant, int second, AmdSettings amd) {
        String callId = new CallId(Clock.fixed(HOUR.plusSeconds(second), ZoneOffset.UTC), new Random(second)).next();
        Call call = Call.queued(callId, tenant, "+14045550123", "+14045550100", "did-1", null, null, "DynamicIVR",
                Map.of(), 30, HOUR.plusSeconds(second), null, null).withAmd(amd);
        store.create(call);
        store.claim(callId, tenant, "bridge-1", "orig-" + callId, HOUR.plusSeconds(second));
        store.advance(CallProgress.status(callId, tenant, CallStatus.ANSWERED, null, HOUR.plusSeconds(65), null));
        return call;
    }

    private static void end(DynamoCallStore store, Call call, Instant answered, AmdOutcome amd) {
        store.advance(new CallProgress(call.callId(), call.tenantId(), CallStatus.COMPLETED, Disposition.ANSWERED,
                new HangupCause(16, "Normal Clearing"), null, null, answered, answered.plusSeconds(11), 0, 11, null, amd));
    }
}
