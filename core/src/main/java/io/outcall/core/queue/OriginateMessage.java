package io.outcall.core.queue;

import io.outcall.core.amd.AmdSettings;
import io.outcall.core.call.Call;
import io.outcall.core.prompt.PromptKeys;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.tenant.TenantLimits;
import io.outcall.core.tenant.TenantSettings;
import io.outcall.core.window.CallingWindow;

import java.util.Map;

/**
 * What the bridge needs to originate a call without reading anything else: the body of one
 * message on the originate queue. {@code schemaVersion} lets the two sides be deployed apart; a
 * bridge refuses versions it does not know instead of guessing.
 *
 * @param createdAt ISO-8601 instant the call was accepted, for enqueue-to-originate latency
 * @param limits    the tenant's own pacing limits (version 2); null: the bridge's defaults
 * @param timelineExpiresAt when the call's timeline items expire, epoch seconds (version 2); null: kept
 * @param amd       the call's answering-machine detection (version 3); null: none
 * @param record    whether the dialplan records the call (version 4); false: not recorded
 * @param prompt    the playable path of the tenant's prompt the call plays, outcall/&lt;tenant&gt;/&lt;name&gt;
 *                  (version 4); null: none
 * @param window    the tenant's calling window, which the bridge checks again just before dialing
 *                  (version 5); null: none
 * @param attempt   which dial of the call this message is for, 1-based (version 5; absent reads as 1): the
 *                  claim is conditional on it, so a stale message of an earlier attempt never dials
 * @param retry     the call's retry policy (version 5); null: an unanswered attempt ends the call
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
        Long timelineExpiresAt,
        AmdSettings amd,
        boolean record,
        String prompt,
        CallingWindow window,
        int attempt,
        RetryPolicy retry) {

    /**
     * Version 2 added the tenant's limits and the timeline's expiry, version 3 answering-machine
     * detection, version 4 recording and the tenant's prompt (either or both may be present),
     * version 5 the calling window, the attempt and the retry policy; the bridge reads 1 to 5. A
     * message is written at the lowest version that holds it (a call without AMD, recording, a
     * prompt, a window or a retry is still version 2; version 5 only for a call with a window, a
     * policy or past its first attempt), so a bridge of the version before reads it during a
     * rolling deploy, and refuses (rather than dials without) only the calls that need what it
     * does not know.
     */
    public static final int CURRENT_VERSION = 5;
    public static final int VERSION_WITH_WINDOW_OR_RETRY = 5;
    public static final int VERSION_WITH_RECORD_OR_PROMPT = 4;
    public static final int VERSION_WITH_AMD = 3;
    public static final int VERSION_WITHOUT_AMD = 2;
    public static final int OLDEST_READABLE_VERSION = 1;

    public OriginateMessage {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        amd = amd == null || !amd.on() ? null : amd;
        attempt = Math.max(1, attempt);
    }

    /** A message of the first attempt of a call that is not retried, with a calling window (version 5). */
    public OriginateMessage(int schemaVersion, String callId, String tenantId, String to, String from, String callerName,
                            String context, String transferNumber, int ringTimeoutSeconds, Map<String, String> variables,
                            String createdAt, TenantLimits limits, Long timelineExpiresAt, AmdSettings amd,
                            boolean record, String prompt, CallingWindow window) {
        this(schemaVersion, callId, tenantId, to, from, callerName, context, transferNumber, ringTimeoutSeconds,
                variables, createdAt, limits, timelineExpiresAt, amd, record, prompt, window, 1, null);
    }

    /** A message without a calling window or a retry, as version 4 had it. */
    public OriginateMessage(int schemaVersion, String callId, String tenantId, String to, String from, String callerName,
                            String context, String transferNumber, int ringTimeoutSeconds, Map<String, String> variables,
                            String createdAt, TenantLimits limits, Long timelineExpiresAt, AmdSettings amd,
                            boolean record, String prompt) {
        this(schemaVersion, callId, tenantId, to, from, callerName, context, transferNumber, ringTimeoutSeconds,
                variables, createdAt, limits, timelineExpiresAt, amd, record, prompt, null);
    }

    /** A message without recording or a prompt, as version 3 had it. */
    public OriginateMessage(int schemaVersion, String callId, String tenantId, String to, String from, String callerName,
                            String context, String transferNumber, int ringTimeoutSeconds, Map<String, String> variables,
                            String createdAt, TenantLimits limits, Long timelineExpiresAt, AmdSettings amd) {
        this(schemaVersion, callId, tenantId, to, from, callerName, context, transferNumber, ringTimeoutSeconds,
                variables, createdAt, limits, timelineExpiresAt, amd, false, null);
    }

    /** A message without answering-machine detection, as version 2 had it. */
    public OriginateMessage(int schemaVersion, String callId, String tenantId, String to, String from, String callerName,
                            String context, String transferNumber, int ringTimeoutSeconds, Map<String, String> variables,
                            String createdAt, TenantLimits limits, Long timelineExpiresAt) {
        this(schemaVersion, callId, tenantId, to, from, callerName, context, transferNumber, ringTimeoutSeconds,
                variables, createdAt, limits, timelineExpiresAt, null);
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
        return of(call, limits, null);
    }

    /**
     * The message of a call as its tenant's settings are now: what the bridge needs of them (the
     * pacing limits, the calling window) travels with the call, so the bridge never reads tenants.
     * Intake, the scheduler and the sweeper all send through here.
     *
     * @param settings the tenant's settings; null (a tenant deleted meanwhile): the bridge's defaults, no window
     */
    public static OriginateMessage forTenant(Call call, TenantSettings settings) {
        return settings == null ? of(call, null, null) : of(call, settings.limits(), settings.callingWindow());
    }

    /**
     * @param limits the tenant's pacing limits as intake read them with the tenant
     * @param window the tenant's calling window; null: none
     */
    public static OriginateMessage of(Call call, TenantLimits limits, CallingWindow window) {
        int version = window != null || call.retry() != null || call.attempt() > 1 ? VERSION_WITH_WINDOW_OR_RETRY
                : call.record() || call.prompt() != null ? VERSION_WITH_RECORD_OR_PROMPT
                : call.amd() == null ? VERSION_WITHOUT_AMD : VERSION_WITH_AMD;
        return new OriginateMessage(version, call.callId(),
                call.tenantId(), call.to(), call.from(), call.callerName(), call.context(), call.transferNumber(),
                call.ringTimeoutSeconds(), call.variables(), call.createdAt().toString(), limits,
                call.timelineExpiresAt() == null ? null : call.timelineExpiresAt().getEpochSecond(), call.amd(),
                call.record(),
                call.prompt() == null ? null : PromptKeys.playable(call.tenantId(), call.prompt()), window,
                call.attempt(), call.retry());
    }
}
