package io.outcall.core.intake;

import java.util.Map;

/**
 * A request for a call as the caller sent it, before validation. Every field but {@code to} is
 * optional: the tenant's settings fill the gaps.
 *
 * @param from a DID id or number of the tenant; empty picks the least recently used DID
 */
public record CallRequest(String to, String from, String context, String transferNumber,
                          Integer ringTimeoutSeconds, Map<String, String> variables) {

    public CallRequest {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
