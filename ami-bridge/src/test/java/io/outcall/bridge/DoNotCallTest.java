package io.outcall.bridge;

import io.outcall.bridge.dnc.BridgeDoNotCall;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallStatus;
import io.outcall.core.dnc.DncEntry;
import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallLookup;
import io.outcall.core.dynamo.DynamoDoNotCallStore;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.pbxsim.PbxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge's side of do-not-call, over DynamoDB Local, ElasticMQ and the PBX simulator on real
 * TCP: a number listed while its call waited in the queue is never dialed (the simulator's ledger
 * counts every Originate it accepted), and a callee's opt-out lands on its tenant's list.
 */
class DoNotCallTest {

    private static BridgeHarness harness;
    private static PbxSimulator pbx;
    private static DynamoDoNotCallStore lists;
    private static BridgeDoNotCall doNotCall;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.start();
        pbx = PbxSimulator.start(BridgeHarness.simulator().build());
        lists = new DynamoDoNotCallStore(harness.local.dynamoDb(), "TenantsTable");
        doNotCall = BridgeDoNotCall.onDynamoDb(harness.local.dynamoDb(), "TenantsTable", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        pbx.close();
        harness.close();
    }

    private static void list(DncList list, String number) {
        String tenant = list == DncList.TENANT ? BridgeHarness.TENANT : null;
        assertTrue(lists.add(new DncEntry(list, tenant, number, "test", Instant.now(), "admin-1", "api", null),
                new AuditEntry(list.auditTenant(tenant), Instant.now(), "admin-1", "dnc.added", number, List.of())));
    }

    @Test
    void numbersListedWhileTheirCallsWaitedAreNeverDialedAndTheirCallsEndFailedDoNotCall() throws Exception {
        Call onTenantList = harness.queueCall("+17065550301");
        Call onPlatformList = harness.queueCall("+17065550311");
        Call free = harness.queueCall("+17065550321");
        list(DncList.TENANT, "+17065550301");
        list(DncList.PLATFORM, "+17065550311");

        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-dnc"), doNotCall)) {
            for (Call listed : List.of(onTenantList, onPlatformList)) {
                Call ended = harness.awaitFinal(listed.callId());
                assertEquals(CallStatus.FAILED, ended.status());
                assertEquals(DoNotCallLookup.FAILURE_REASON, ended.failureReason());
                assertEquals(null, ended.dialedAt(), "never claimed, never dialed");
            }
            harness.awaitFinal(free.callId());
            assertEquals(1, pbx.originateLedger().acceptedFor(free.callId()), "the bridge was dialing all along");
            assertEquals(0, pbx.originateLedger().acceptedFor(onTenantList.callId()));
            assertEquals(0, pbx.originateLedger().acceptedFor(onPlatformList.callId()));
            assertEquals(2, bridge.metrics().doNotCall.sum());
        }
        assertEquals(0, harness.messagesOn(harness.queueUrl), "the listed calls' messages were deleted");
    }

    @Test
    void aCalleeWhoOptsOutJoinsTheTenantsListAuditedAsTheCalleeAndOnTheCallsTimeline() throws Exception {
        try (BridgeHarness.RunningBridge bridge = harness.startBridge(harness.config(pbx, "bridge-opt-out"), doNotCall)) {
            Call call = harness.queueCall("+17065550991");
            assertEquals(CallStatus.COMPLETED, harness.awaitFinal(call.callId()).status());
            BridgeHarness.awaitCount(() -> bridge.metrics().optOuts.sum(), 1, "the opt-out written");

            Optional<DncEntry> entry = lists.find(DncList.TENANT, BridgeHarness.TENANT, "+17065550991");
            assertTrue(entry.isPresent());
            assertEquals("callee opt-out", entry.get().addedBy());
            assertEquals("opt-out", entry.get().source());
            assertEquals(call.callId(), entry.get().callId());
            assertTrue(harness.names(call.callId()).contains("UserEvent:OutcallOptOut"), harness.names(call.callId()).toString());

            List<AuditEntry> audit = new DynamoTenantAdminStore(harness.local.dynamoDb(), "TenantsTable")
                    .audit(BridgeHarness.TENANT, null, 100).items();
            assertTrue(audit.stream().anyMatch(a -> a.actor().equals("callee opt-out") && a.subject().equals("+17065550991")
                    && a.changes().stream().anyMatch(c -> c.field().equals("callId") && call.callId().equals(c.after()))),
                    audit.toString());

            Call next = harness.queueCall("+17065550991");
            assertEquals(DoNotCallLookup.FAILURE_REASON, harness.awaitFinal(next.callId()).failureReason(),
                    "the next call to the number is not dialed");
            assertEquals(0, pbx.originateLedger().acceptedFor(next.callId()));
        }
    }
}
