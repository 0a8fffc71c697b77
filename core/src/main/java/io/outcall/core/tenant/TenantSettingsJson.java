package io.outcall.core.tenant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.amd.AmdRequest;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.AmdSettingsJson;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.retry.RetryPolicyJson;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.window.CallingWindowJson;

import java.util.List;
import java.util.Set;

/**
 * A tenant's settings as the admin API reads and writes them: one flat JSON object (limits nested),
 * the same shape for creating, reading and merge-patching, so a patch is applied to exactly what
 * a GET returned.
 */
public final class TenantSettingsJson {

    /** The fields a tenant document may set. */
    public static final Set<String> FIELDS = Set.of("name", "defaultRegion", "defaultContext", "allowedContexts",
            "ringTimeoutSeconds", "callerIdStrategy", "limits", "timelineRetentionDays", AmdRequest.MODE_FIELD,
            AmdRequest.PARAMETERS_FIELD, AmdRequest.MESSAGE_FIELD, "record", CallingWindowJson.FIELD,
            RetryPolicyJson.FIELD);
    static final Set<String> LIMIT_FIELDS = Set.of("callsPerSecond", "concurrentCalls");

    private TenantSettingsJson() {
    }

    /** A name and settings as a request gave them; absent optional fields take their defaults. */
    public record Draft(String name, TenantSettings settings) {
    }

    /**
     * Reads the editable fields; type errors go to {@code fields}' violations, ranges are
     * {@link TenantValidation}'s. Missing required fields read as null.
     */
    public static Draft read(JsonFields fields) {
        String name = fields.string("name");
        Integer ringTimeout = fields.integer("ringTimeoutSeconds");
        String strategyName = fields.string("callerIdStrategy");
        CallerIdStrategy strategy = CallerIdStrategy.LEAST_RECENTLY_USED;
        if (strategyName != null) {
            strategy = CallerIdStrategy.ofJson(strategyName).orElse(null);
            if (strategy == null) {
                fields.reject("callerIdStrategy", "must be one of " + CallerIdStrategy.names());
            }
        }
        TenantLimits limits = TenantLimits.DEFAULTS;
        JsonFields limitFields = fields.object("limits");
        if (limitFields != null) {
            limitFields.onlyKnown(LIMIT_FIELDS);
            Integer perSecond = limitFields.integer("callsPerSecond");
            Integer concurrent = limitFields.integer("concurrentCalls");
            limits = new TenantLimits(perSecond == null ? TenantLimits.DEFAULTS.callsPerSecond() : perSecond,
                    concurrent == null ? TenantLimits.DEFAULTS.concurrentCalls() : concurrent);
        }
        // AMD's rules (modes, bounds, a prompt to leave) are checked here, where the fields are read:
        // a tenant's AMD is the defaults with what the document gives.
        AmdSettings amd = AmdRequest.read(fields).over(AmdSettings.OFF, fields.violations());
        Boolean record = fields.bool("record");
        // Checked as it is read, like AMD: a tenant's policy is the defaults with what the document gives.
        RetryPolicy retry = RetryPolicyJson.read(fields, null);
        List<String> contexts = fields.stringList("allowedContexts");
        TenantSettings settings = new TenantSettings(fields.string("defaultRegion"), fields.string("defaultContext"),
                contexts == null ? List.of() : contexts,
                ringTimeout == null ? TenantSettings.DEFAULT_RING_TIMEOUT_SECONDS : ringTimeout, strategy, limits,
                fields.integer("timelineRetentionDays"), amd,
                Boolean.TRUE.equals(record), CallingWindowJson.read(fields), retry);
        return new Draft(name, settings);
    }

    /** The editable document of a tenant: what GET shows beside the id and state, and what PATCH patches. */
    public static ObjectNode editable(Tenant tenant) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        TenantSettings settings = tenant.settings();
        doc.put("name", tenant.name());
        doc.put("defaultRegion", settings.defaultRegion());
        if (settings.defaultContext() != null) {
            doc.put("defaultContext", settings.defaultContext());
        }
        settings.allowedContexts().forEach(doc.putArray("allowedContexts")::add);
        doc.put("ringTimeoutSeconds", settings.ringTimeoutSeconds());
        doc.put("callerIdStrategy", settings.callerIdStrategy().json());
        doc.putObject("limits").put("callsPerSecond", settings.limits().callsPerSecond())
                .put("concurrentCalls", settings.limits().concurrentCalls());
        if (settings.timelineRetentionDays() != null) {
            doc.put("timelineRetentionDays", settings.timelineRetentionDays());
        }
        AmdSettingsJson.put(doc, settings.amd());
        doc.put("record", settings.record());
        if (settings.callingWindow() != null) {
            doc.set(CallingWindowJson.FIELD, CallingWindowJson.node(settings.callingWindow()));
        }
        RetryPolicyJson.put(doc, settings.retry());
        return doc;
    }

    /** The whole tenant as the API shows it: id, state, version and the editable fields. */
    public static ObjectNode document(Tenant tenant) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("tenantId", tenant.tenantId());
        doc.put("status", tenant.suspended() ? "suspended" : "active");
        if (tenant.suspended()) {
            doc.putObject("suspension").put("reason", tenant.suspension().reason())
                    .put("since", tenant.suspension().since().toString());
        }
        doc.put("version", tenant.version());
        doc.setAll(editable(tenant));
        return doc;
    }
}
