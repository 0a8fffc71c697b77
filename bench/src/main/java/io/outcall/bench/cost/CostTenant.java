package io.outcall.bench.cost;

import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

/** The tenant the benchmark calls for: one DID, one transfer number, the simulator's contexts. */
final class CostTenant {

    static final String ID = "cost-tenant";

    private CostTenant() {
    }

    /** Written through an uncounted client: provisioning is not a call's cost. */
    static void seed(DynamoDbClient uncounted) {
        DynamoTenantStore tenants = new DynamoTenantStore(uncounted, "TenantsTable");
        tenants.put(new Tenant(ID, "Cost Ltd", "US", List.of("DynamicIVR", "Hold"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 1))));
        tenants.put(new Did(ID, "did-main", "+14045550100", "Cost", true, null, 0));
    }
}
