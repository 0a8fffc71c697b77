package io.outcall.bridge.dnc;

import io.outcall.core.dnc.DoNotCallList;
import io.outcall.core.dnc.DoNotCallLookup;
import io.outcall.core.dynamo.DynamoDoNotCallStore;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.phone.PhoneNumbers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Map;

/**
 * What the bridge does with the do-not-call lists: looks a number up just before dialing, and adds
 * a callee's opt-out. Both in TenantsTable ({@code TENANTS_TABLE}, default {@code TenantsTable}).
 *
 * @param lists null: opt-outs stay on the call's timeline only
 */
public record BridgeDoNotCall(DoNotCallLookup lookup, DoNotCallList lists) {

    /** No lists: nothing is refused, no opt-out is recorded (benchmarks, tests of other things). */
    public static final BridgeDoNotCall NONE = new BridgeDoNotCall(DoNotCallLookup.NONE, null);

    public static String tableFromEnvironment(Map<String, String> env) {
        String table = env.get("TENANTS_TABLE");
        return table == null || table.isBlank() ? "TenantsTable" : table;
    }

    public static BridgeDoNotCall onDynamoDb(DynamoDbClient dynamoDb, String tenantsTable, Clock clock) {
        DynamoDoNotCallStore store = new DynamoDoNotCallStore(dynamoDb, tenantsTable);
        return new BridgeDoNotCall(store, new DoNotCallList(store, new DynamoTenantAdminStore(dynamoDb, tenantsTable),
                new PhoneNumbers(), clock));
    }
}
