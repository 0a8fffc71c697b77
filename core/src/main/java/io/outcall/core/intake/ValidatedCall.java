package io.outcall.core.intake;

import io.outcall.core.amd.AmdParameter;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.retry.RetryPolicyJson;
import io.outcall.core.tenant.Did;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request checked against its tenant: numbers in E.164, context allowed, variables clean.
 *
 * @param from           the DID the request named, or null to pick one
 * @param transferNumber the transfer number the request named, or null to pick one
 * @param amd            the call's answering-machine detection: the tenant's with the request's overrides
 * @param record         whether the call is recorded: the request's choice, else the tenant's
 * @param prompt         the name of the ready prompt of the tenant the call plays; null: none
 * @param notBefore      the earliest time to dial that the request named (perhaps already past); null: none
 * @param retry          when an unanswered attempt is dialed again: the tenant's policy with the request's
 *                       overrides; null: never
 */
public record ValidatedCall(String to, Did from, String context, String transferNumber, int ringTimeoutSeconds,
                            Map<String, String> variables, AmdSettings amd, boolean record, String prompt,
                            Instant notBefore, RetryPolicy retry) {

    public ValidatedCall {
        variables = Map.copyOf(variables);
        amd = amd == null ? AmdSettings.OFF : amd;
    }

    /** A call to dial at once, never retried. */
    public ValidatedCall(String to, Did from, String context, String transferNumber, int ringTimeoutSeconds,
                         Map<String, String> variables, AmdSettings amd, boolean record, String prompt) {
        this(to, from, context, transferNumber, ringTimeoutSeconds, variables, amd, record, prompt, null, null);
    }

    public ValidatedCall(String to, Did from, String context, String transferNumber, int ringTimeoutSeconds,
                         Map<String, String> variables, AmdSettings amd) {
        this(to, from, context, transferNumber, ringTimeoutSeconds, variables, amd, false, null);
    }

    public ValidatedCall(String to, Did from, String context, String transferNumber, int ringTimeoutSeconds,
                         Map<String, String> variables) {
        this(to, from, context, transferNumber, ringTimeoutSeconds, variables, AmdSettings.OFF);
    }

    /** When the call waits SCHEDULED until: its {@code notBefore} if that is after {@code now}; null: dial now. */
    public Instant scheduledAfter(Instant now) {
        return notBefore != null && notBefore.isAfter(now) ? notBefore : null;
    }

    /**
     * A hash of what the request asks for, after normalisation: "+1 404 555 0100" and
     * "+14045550100" are the same request. NUL separates fields because no field may contain one.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder()
                .append(to).append('\0')
                .append(from == null ? "" : from.didId()).append('\0')
                .append(context).append('\0')
                .append(transferNumber == null ? "" : transferNumber).append('\0')
                .append(ringTimeoutSeconds).append('\0');
        new TreeMap<>(variables).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\0'));
        if (amd.on()) {
            // Only when on, so that a call without AMD keeps the fingerprint it had before AMD existed.
            canonical.append("amd=").append(amd.mode().json()).append('\0');
            for (AmdParameter p : AmdParameter.values()) {
                canonical.append(amd.parameters().get(p)).append('\0');
            }
            if (amd.message() != null) {
                canonical.append(amd.message().prompt()).append('\0').append(amd.message().waitForSilenceMs()).append('\0');
            }
        }
        if (record) {
            // Only when on, as AMD: a call without recording keeps its old fingerprint.
            canonical.append("record").append('\0');
        }
        if (prompt != null) {
            canonical.append("prompt=").append(prompt).append('\0');
        }
        if (notBefore != null) {
            // The instant asked for, not whether it was still ahead: a retry sent after it passed is the same request.
            canonical.append("notBefore=").append(notBefore).append('\0');
        }
        if (retry != null) {
            // Only with a policy, as AMD: a call never retried keeps its old fingerprint. The policy in
            // effect, not the request's fields, so the same override under a changed tenant policy differs.
            canonical.append(RetryPolicyJson.FIELD).append('=').append(RetryPolicyJson.names(retry.on()))
                    .append(',').append(retry.maxAttempts()).append(',').append(retry.delaySeconds()).append('\0');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
