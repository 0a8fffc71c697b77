package io.outcall.core.dynamo;

import io.outcall.core.tenant.CallerIdStrategy;
import io.outcall.core.tenant.Suspension;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantLimits;
import io.outcall.core.tenant.TenantSettings;
import io.outcall.core.tenant.TransferNumber;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.integer;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.number;
import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * The tenant item (sort key {@code TENANT}) both the call path and the admin API read. Settings
 * added since the first tenants were written read as their defaults where an item lacks them, and
 * an item without a version is version 0.
 */
final class TenantItems {

    static final String TENANT_SK = "TENANT";

    private TenantItems() {
    }

    static Map<String, AttributeValue> key(String tenantId) {
        return Map.of("tenantId", s(tenantId), "sk", s(TENANT_SK));
    }

    static Tenant tenant(String tenantId, Map<String, AttributeValue> item) {
        List<TransferNumber> transfers = new ArrayList<>();
        AttributeValue list = item.get("transferNumbers");
        if (list != null) {
            for (AttributeValue t : list.l()) {
                transfers.add(new TransferNumber(t.m().get("number").s(), Integer.parseInt(t.m().get("weight").n())));
            }
        }
        AttributeValue contexts = item.get("allowedContexts");
        Integer ringTimeout = integer(item, "ringTimeoutSeconds");
        TenantSettings settings = new TenantSettings(string(item, "defaultRegion"), string(item, "defaultContext"),
                contexts == null ? List.of() : contexts.l().stream().map(AttributeValue::s).toList(),
                ringTimeout == null ? TenantSettings.DEFAULT_RING_TIMEOUT_SECONDS : ringTimeout,
                CallerIdStrategy.ofJson(string(item, "callerIdStrategy")).orElse(CallerIdStrategy.LEAST_RECENTLY_USED),
                new TenantLimits((int) number(item, "callsPerSecond", TenantLimits.DEFAULTS.callsPerSecond()),
                        (int) number(item, "concurrentCalls", TenantLimits.DEFAULTS.concurrentCalls())),
                integer(item, "timelineRetentionDays"), AmdItems.read(item),
                item.containsKey("record") && Boolean.TRUE.equals(item.get("record").bool()),
                CallingWindowItems.read(item), RetryItems.policy(item));
        String reason = string(item, "suspendedReason");
        Suspension suspension = reason == null ? null
                : new Suspension(reason, instant(item, "suspendedAt"), string(item, "suspendedBy"));
        return new Tenant(tenantId, string(item, "name"), settings, transfers, suspension, number(item, "version", 0));
    }

    static Map<String, AttributeValue> item(Tenant tenant) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenant.tenantId()));
        TenantSettings settings = tenant.settings();
        putIfPresent(item, "name", tenant.name());
        item.put("defaultRegion", s(settings.defaultRegion()));
        item.put("allowedContexts", AttributeValue.fromL(settings.allowedContexts().stream().map(Items::s).toList()));
        putIfPresent(item, "defaultContext", settings.defaultContext());
        item.put("transferNumbers", AttributeValue.fromL(tenant.transferNumbers().stream()
                .map(t -> AttributeValue.fromM(Map.of("number", s(t.number()), "weight", n(t.weight())))).toList()));
        item.put("ringTimeoutSeconds", n(settings.ringTimeoutSeconds()));
        item.put("callerIdStrategy", s(settings.callerIdStrategy().json()));
        item.put("callsPerSecond", n(settings.limits().callsPerSecond()));
        item.put("concurrentCalls", n(settings.limits().concurrentCalls()));
        putIfPresent(item, "timelineRetentionDays", settings.timelineRetentionDays());
        AmdItems.put(item, settings.amd());
        if (settings.record()) {
            item.put("record", AttributeValue.fromBool(true));
        }
        CallingWindowItems.put(item, settings.callingWindow());
        RetryItems.putPolicy(item, settings.retry());
        if (tenant.suspension() != null) {
            item.put("suspendedReason", s(tenant.suspension().reason()));
            putIfPresent(item, "suspendedAt", tenant.suspension().since());
            putIfPresent(item, "suspendedBy", tenant.suspension().by());
        }
        item.put("version", n(tenant.version()));
        return item;
    }
}
