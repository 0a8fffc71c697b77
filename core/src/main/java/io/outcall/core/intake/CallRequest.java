package io.outcall.core.intake;

import io.outcall.core.amd.AmdRequest;
import io.outcall.core.retry.RetryRequest;

import java.util.Map;

/**
 * A request for a call as the caller sent it, before validation. Every field but {@code to} is
 * optional: the tenant's settings fill the gaps.
 *
 * @param from a DID id or number of the tenant; empty picks the least recently used DID
 * @param amd  the request's own answering-machine detection fields, over the tenant's
 * @param record whether to record the call; null: as the tenant's {@code record} setting says
 * @param prompt the name of a ready prompt of the tenant the dialplan plays (OUTCALL_PROMPT); null: none
 * @param notBefore as sent: the earliest time to dial, ISO-8601 with an offset; null: dial at once
 * @param retry  the request's own retry fields, over the tenant's policy
 */
public record CallRequest(String to, String from, String context, String transferNumber,
                          Integer ringTimeoutSeconds, Map<String, String> variables, AmdRequest amd,
                          Boolean record, String prompt, String notBefore, RetryRequest retry) {

    public CallRequest {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        amd = amd == null ? AmdRequest.NONE : amd;
        retry = retry == null ? RetryRequest.NONE : retry;
    }

    /** A request that leaves retries to the tenant's policy. */
    public CallRequest(String to, String from, String context, String transferNumber,
                       Integer ringTimeoutSeconds, Map<String, String> variables, AmdRequest amd,
                       Boolean record, String prompt, String notBefore) {
        this(to, from, context, transferNumber, ringTimeoutSeconds, variables, amd, record, prompt, notBefore,
                RetryRequest.NONE);
    }

    /** A request to dial at once. */
    public CallRequest(String to, String from, String context, String transferNumber,
                       Integer ringTimeoutSeconds, Map<String, String> variables, AmdRequest amd,
                       Boolean record, String prompt) {
        this(to, from, context, transferNumber, ringTimeoutSeconds, variables, amd, record, prompt, null);
    }

    /** A request that leaves recording to the tenant's settings and names no prompt. */
    public CallRequest(String to, String from, String context, String transferNumber,
                       Integer ringTimeoutSeconds, Map<String, String> variables, AmdRequest amd) {
        this(to, from, context, transferNumber, ringTimeoutSeconds, variables, amd, null, null);
    }

    /** A request that leaves answering-machine detection to the tenant's settings. */
    public CallRequest(String to, String from, String context, String transferNumber,
                       Integer ringTimeoutSeconds, Map<String, String> variables) {
        this(to, from, context, transferNumber, ringTimeoutSeconds, variables, AmdRequest.NONE);
    }
}
