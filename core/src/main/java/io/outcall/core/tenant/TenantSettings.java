package io.outcall.core.tenant;

import io.outcall.core.amd.AmdSettings;
import io.outcall.core.window.CallingWindow;
import io.outcall.core.retry.RetryPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a tenant's calls are made with, as its admin sets it. Later settings (webhooks, answering
 * machine detection, recording, calling windows, retries) join as components here, with their JSON in
 * {@link TenantSettingsJson} and their checks in {@link TenantValidation}.
 *
 * @param defaultRegion         ISO 3166 region for numbers given without a country code
 * @param defaultContext        context used when a request names none; one of {@code allowedContexts}
 * @param allowedContexts       dialplan contexts this tenant's calls may run in
 * @param ringTimeoutSeconds    how long a call rings when the request says nothing
 * @param timelineRetentionDays how long new calls' event timelines are kept; null keeps them
 * @param amd                   answering-machine detection for its calls, unless a call says otherwise
 * @param record                whether its calls are recorded (MixMonitor), unless a call says otherwise
 * @param callingWindow         the local hours its callees may be called in; null: any time
 * @param retry                 when its calls are dialed again after an unanswered attempt, unless a call
 *                              says otherwise; null: never
 */
public record TenantSettings(String defaultRegion, String defaultContext, List<String> allowedContexts,
                             int ringTimeoutSeconds, CallerIdStrategy callerIdStrategy, TenantLimits limits,
                             Integer timelineRetentionDays, AmdSettings amd,
                             boolean record, CallingWindow callingWindow, RetryPolicy retry) {

    public static final int DEFAULT_RING_TIMEOUT_SECONDS = 30;

    public TenantSettings {
        allowedContexts = List.copyOf(allowedContexts);
        amd = amd == null ? AmdSettings.OFF : amd;
    }

    /** Settings without a retry policy: calls are dialed once. */
    public TenantSettings(String defaultRegion, String defaultContext, List<String> allowedContexts,
                          int ringTimeoutSeconds, CallerIdStrategy callerIdStrategy, TenantLimits limits,
                          Integer timelineRetentionDays, AmdSettings amd, boolean record, CallingWindow callingWindow) {
        this(defaultRegion, defaultContext, allowedContexts, ringTimeoutSeconds, callerIdStrategy, limits,
                timelineRetentionDays, amd, record, callingWindow, null);
    }

    /** Settings without a calling window or a retry policy. */
    public TenantSettings(String defaultRegion, String defaultContext, List<String> allowedContexts,
                          int ringTimeoutSeconds, CallerIdStrategy callerIdStrategy, TenantLimits limits,
                          Integer timelineRetentionDays, AmdSettings amd, boolean record) {
        this(defaultRegion, defaultContext, allowedContexts, ringTimeoutSeconds, callerIdStrategy, limits,
                timelineRetentionDays, amd, record, null, null);
    }

    /** The same settings with {@code window} as their calling window (null: none). */
    public TenantSettings withCallingWindow(CallingWindow window) {
        return new TenantSettings(defaultRegion, defaultContext, allowedContexts, ringTimeoutSeconds, callerIdStrategy,
                limits, timelineRetentionDays, amd, record, window, retry);
    }

    /** The same settings with {@code policy} as their retry policy (null: calls are dialed once). */
    public TenantSettings withRetry(RetryPolicy policy) {
        return new TenantSettings(defaultRegion, defaultContext, allowedContexts, ringTimeoutSeconds, callerIdStrategy,
                limits, timelineRetentionDays, amd, record, callingWindow, policy);
    }

    /** Settings without recording. */
    public TenantSettings(String defaultRegion, String defaultContext, List<String> allowedContexts,
                          int ringTimeoutSeconds, CallerIdStrategy callerIdStrategy, TenantLimits limits,
                          Integer timelineRetentionDays, AmdSettings amd) {
        this(defaultRegion, defaultContext, allowedContexts, ringTimeoutSeconds, callerIdStrategy, limits,
                timelineRetentionDays, amd, false);
    }

    /** Settings without answering-machine detection. */
    public TenantSettings(String defaultRegion, String defaultContext, List<String> allowedContexts,
                          int ringTimeoutSeconds, CallerIdStrategy callerIdStrategy, TenantLimits limits,
                          Integer timelineRetentionDays) {
        this(defaultRegion, defaultContext, allowedContexts, ringTimeoutSeconds, callerIdStrategy, limits,
                timelineRetentionDays, AmdSettings.OFF);
    }

    /** When the timeline of a call accepted at {@code now} expires; null keeps it. Calls already made keep theirs. */
    public Instant timelineExpiresAt(Instant now) {
        return timelineRetentionDays == null ? null : now.plus(Duration.ofDays(timelineRetentionDays));
    }

    /** The settings of a tenant created with only a region and contexts. */
    public static TenantSettings of(String defaultRegion, String defaultContext, List<String> allowedContexts) {
        return new TenantSettings(defaultRegion, defaultContext, allowedContexts, DEFAULT_RING_TIMEOUT_SECONDS,
                CallerIdStrategy.LEAST_RECENTLY_USED, TenantLimits.DEFAULTS, null);
    }
}
