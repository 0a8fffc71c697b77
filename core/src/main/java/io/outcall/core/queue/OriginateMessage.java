package io.outcall.core.queue;

import io.outcall.core.call.Call;

import java.util.Map;

/**
 * What the bridge needs to originate a call without reading anything else: the body of one
 * message on the originate queue. {@code schemaVersion} lets the two sides be deployed apart; a
 * bridge refuses versions it does not know instead of guessing.
 *
 * @param createdAt ISO-8601 instant the call was accepted, for enqueue-to-originate latency
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
        String createdAt) {

    public static final int CURRENT_VERSION = 1;

    public OriginateMessage {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public static OriginateMessage of(Call call) {
        return new OriginateMessage(CURRENT_VERSION, call.callId(), call.tenantId(), call.to(), call.from(),
                call.callerName(), call.context(), call.transferNumber(), call.ringTimeoutSeconds(), call.variables(),
                call.createdAt().toString());
    }
}
