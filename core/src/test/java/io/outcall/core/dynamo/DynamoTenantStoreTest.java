package io.outcall.core.dynamo;

import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.core.testing.SharedLocalServices;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenants and DIDs on DynamoDB Local, with the TenantsTable of template.yaml. */
@ExtendWith(SharedLocalServices.class)
class DynamoTenantStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456Z");

    private static LocalServices aws;
    private static DynamoTenantStore store;
    private final String tenantId = "tenant-" + UUID.randomUUID();

    @BeforeAll
    static void start(LocalServices shared) {
        aws = shared;
        store = new DynamoTenantStore(aws.dynamoDb(), "TenantsTable");
    }


    @Test
    void aTenantSurvivesTheRoundTrip() {
        Tenant tenant = new Tenant(tenantId, "Acme Ltd", "GB", List.of("outbound", "survey"), "survey",
                List.of(new TransferNumber("+442079460018", 3), new TransferNumber("+442079460019", 1)));

        store.put(tenant);

        assertEquals(Optional.of(new TenantProfile(tenant, List.of())), store.profile(tenantId));
    }

    @Test
    void aTenantWithoutOptionalSettingsSurvivesTheRoundTrip() {
        Tenant tenant = new Tenant(tenantId, null, "US", List.of(), null, List.of());

        store.put(tenant);

        assertEquals(Optional.of(new TenantProfile(tenant, List.of())), store.profile(tenantId));
    }

    @Test
    void anUnknownTenantIsNotFound() {
        assertEquals(Optional.empty(), store.profile(tenantId));
        assertEquals(List.of(), store.dids(tenantId));
    }

    @Test
    void everyDidOfTheTenantSurvivesTheRoundTripAndNoOtherTenantsDoes() {
        List<Did> dids = List.of(
                new Did(tenantId, "did-a", "+14045550100", "Acme Sales", true, null, 0),
                new Did(tenantId, "did-b", "+14045550101", null, false, T0, 17),
                new Did(tenantId, "did-c", "+14045550102", "Acme Support", true, T0.plusSeconds(1), 3));
        dids.forEach(store::put);
        store.put(new Tenant(tenantId, "Acme", "US", List.of("outbound"), "outbound", List.of()));
        store.put(new Did(tenantId + "-other", "did-x", "+14045550103", null, true, null, 0));

        List<Did> read = store.dids(tenantId).stream().sorted(Comparator.comparing(Did::didId)).toList();

        assertEquals(dids, read);
    }

    @Test
    void aProfileIsTheTenantWithEveryDidItHas() {
        Tenant tenant = new Tenant(tenantId, "Acme", "US", List.of("outbound"), "outbound",
                List.of(new TransferNumber("+14045550199", 1)));
        List<Did> dids = List.of(
                new Did(tenantId, "did-a", "+14045550100", "Acme Sales", true, null, 0),
                new Did(tenantId, "did-b", "+14045550101", null, false, T0, 17));
        store.put(tenant);
        dids.forEach(store::put);
        store.put(new Did(tenantId + "-other", "did-x", "+14045550103", null, true, null, 0));

        TenantProfile profile = store.profile(tenantId).orElseThrow();

        assertEquals(tenant, profile.tenant());
        assertEquals(dids, profile.dids().stream().sorted(Comparator.comparing(Did::didId)).toList());
    }

    @Test
    void didsWithoutTheirTenantMakeNoProfile() {
        store.put(new Did(tenantId, "did-a", "+14045550100", null, true, null, 0));

        assertEquals(Optional.empty(), store.profile(tenantId));
    }

    @Test
    void markUsedRecordsAUseOnlyWhenTheDidIsAsItWasRead() {
        Did fresh = new Did(tenantId, "did-a", "+14045550100", null, true, null, 0);
        store.put(fresh);

        assertTrue(store.markUsed(fresh, T0));
        assertFalse(store.markUsed(fresh, T0.plusSeconds(1)), "someone used it since it was read");

        Did reread = store.dids(tenantId).getFirst();
        assertEquals(T0, reread.lastUsedAt());
        assertEquals(1, reread.useCount());

        assertTrue(store.markUsed(reread, T0.plusSeconds(2)));
        Did again = store.dids(tenantId).getFirst();
        assertEquals(T0.plusSeconds(2), again.lastUsedAt());
        assertEquals(2, again.useCount());
    }

    @Test
    void aPoolLargerThanOneQueryPageIsReadWhole() {
        for (int i = 0; i < 200; i++) {
            store.put(new Did(tenantId, "did-%03d".formatted(i), "+1404555%04d".formatted(i),
                    "x".repeat(8_000), true, null, 0));
        }
        assertTrue(aws.dynamoDb().query(b -> b.tableName("TenantsTable").keyConditionExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))).hasLastEvaluatedKey(),
                "precondition: 200 DIDs of 8 kB take more than one 1 MB page");

        assertEquals(200, store.dids(tenantId).size());
    }
}
