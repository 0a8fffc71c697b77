package io.outcall.core.queue;

import io.outcall.core.call.Call;
import io.outcall.core.tenant.TenantLimits;

import java.util.Map;

/**
 * What the bridge needs to originate a call without reading anything else: the body of one
 * message on the originate queue. {@code schemaVersion} lets the two sides be deployed apart; a
 * bridge refuses versions it does not know instead of guessing.
 *
 * @param createdAt ISO-8601 instant the call was accepted, for enqueue-to-originate latency
 * @param limits    the tenant's own pacing limits (version 2); null: the bridge's defaults
 * @param timelineExpiresAt when the call's timeline items expire, epoch seconds (version 2); null: kept
 */
public record OriginateMessage(
        int schemaVersion,
        String callId,
        String tenantId,
        String to,
        String from,
        String callerName,
        String context,
        String transferNumber,
        int ringTimeoutSeconds,
        Map<String, String> variables,
        String createdAt,
        TenantLimits limits,
        Long timelineExpiresAt) {

    /** Version 2 added the tenant's limits and the timeline's expiry; the bridge reads 1 and 2. */
    public static final int CURRENT_VERSION = 2;
    public static final int OLDEST_READABLE_VERSION = 1;

    public OriginateMessage {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** A message without the tenant's limits or a timeline expiry, as version 1 had them. */
    public OriginateMessage(int schemaVersion, String callId, String tenantId, String to, String from, String callerName,
                            String context, String transferNumber, int ringTimeoutSeconds, Map<String, String> variables,
                            String createdAt) {
        this(schemaVersion, callId, tenantId, to, from, callerName, context, transferNumber, ringTimeoutSeconds,
                variables, createdAt, null, null);
    }

    public static OriginateMessage of(Call call) {
        return of(call, null);
    }

    /** @param limits the tenant's pacing limits as intake read them with the tenant */
    public static OriginateMessage of(Call call, TenantLimits limits) {
        return new OriginateMessage(CURRENT_VERSION, call.callId(), call.tenantId(), call.to(), call.from(),
                call.callerName(), call.context(), call.transferNumber(), call.ringTimeoutSeconds(), call.variables(),
                call.createdAt().toString(), limits,
                call.timelineExpiresAt() == null ? null : call.timelineExpiresAt().getEpochSecond());
    }
}
