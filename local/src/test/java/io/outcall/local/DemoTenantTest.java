package io.outcall.local;

import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantProfile;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ./run-local's demo tenant, onboarded through the tenant administration services. */
class DemoTenantTest {

    @Test
    void theDemoTenantIsOnboardedOnceAndAuditedAndASecondStartChangesNothing() {
        try (LocalServices local = LocalServices.startInMemory()) {
            DemoTenant.seed(local.dynamoDb(), "TenantsTable");
            DemoTenant.seed(local.dynamoDb(), "TenantsTable");

            TenantProfile profile = new DynamoTenantStore(local.dynamoDb(), "TenantsTable").profile(DemoTenant.ID).orElseThrow();
            assertEquals(Set.of("+14045550100", "+14045550101"),
                    profile.dids().stream().map(Did::number).collect(Collectors.toSet()));
            assertEquals(Set.of(new TransferNumber("+14045550199", 3), new TransferNumber("+14045550198", 1)),
                    Set.copyOf(profile.tenant().transferNumbers()));
            assertEquals(List.of("DynamicIVR", "Hold"), profile.tenant().allowedContexts());
            DynamoTenantAdminStore admin = new DynamoTenantAdminStore(local.dynamoDb(), "TenantsTable");
            assertEquals(1, admin.find(DemoTenant.ID).orElseThrow().version(), "the second start wrote nothing");
            assertEquals(List.of(DemoTenant.ID), admin.list(null, 10).items().stream().map(Tenant::tenantId).toList());
            assertEquals(5, admin.audit(DemoTenant.ID, null, 10).items().size(), "the tenant, two DIDs, two transfer numbers");
            assertEquals(Set.of("run-local"), admin.audit(DemoTenant.ID, null, 10).items().stream()
                    .map(e -> e.actor()).collect(Collectors.toSet()));
        }
    }

    @Test
    void aDemoTenantKeptFromBeforeTheAdminApiKeepsItsNumbers() {
        try (LocalServices local = LocalServices.startInMemory()) {
            DynamoTenantStore tenants = new DynamoTenantStore(local.dynamoDb(), "TenantsTable");
            tenants.put(new Tenant(DemoTenant.ID, "Demo Ltd", "US", List.of("DynamicIVR", "Hold"), "DynamicIVR",
                    List.of(new TransferNumber("+14045550199", 3), new TransferNumber("+14045550198", 1))));
            tenants.put(new Did(DemoTenant.ID, "did-main", "+14045550100", "Demo", true, null, 4));

            DemoTenant.seed(local.dynamoDb(), "TenantsTable");

            TenantProfile profile = tenants.profile(DemoTenant.ID).orElseThrow();
            assertEquals(List.of("did-main"), profile.dids().stream().map(Did::didId).toList());
            assertEquals(4, profile.dids().getFirst().useCount());
            assertEquals(2, profile.tenant().transferNumbers().size(), "not doubled");
        }
    }
}
