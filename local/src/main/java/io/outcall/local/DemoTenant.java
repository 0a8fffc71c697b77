package io.outcall.local;

import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantStore;
import io.outcall.core.tenant.TransferNumber;

import java.util.List;

/** The tenant a newcomer calls with: two DIDs, two weighted transfer numbers, the simulator's contexts. */
final class DemoTenant {

    static final String ID = "demo";

    private DemoTenant() {
    }

    /** Creates or refreshes the demo tenant; DID usage counts survive a restart on persistent data. */
    static void seed(TenantStore tenants) {
        tenants.put(new Tenant(ID, "Demo Ltd", "US", List.of("DynamicIVR", "Hold"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 3), new TransferNumber("+14045550198", 1))));
        if (tenants.dids(ID).isEmpty()) {
            tenants.put(new Did(ID, "did-main", "+14045550100", "Demo", true, null, 0));
            tenants.put(new Did(ID, "did-sales", "+14045550101", "Demo Sales", true, null, 0));
        }
    }
}
