package io.outcall.core.amd;

/**
 * Answering-machine detection for a tenant's calls, or for one call (the tenant's with the
 * request's overrides): what intake copies into the call and its queue message, and what the
 * bridge turns into the {@code OUTCALL_AMD*} channel variables.
 *
 * @param message what to leave on a machine; required for {@link AmdMode#LEAVE_MESSAGE}, kept
 *                (and ignored) otherwise so that switching modes does not lose it
 */
public record AmdSettings(AmdMode mode, AmdParameters parameters, VoicemailMessage message) {

    public static final AmdSettings OFF = new AmdSettings(AmdMode.OFF, AmdParameters.DEFAULTS, null);

    public AmdSettings {
        parameters = parameters == null ? AmdParameters.DEFAULTS : parameters;
    }

    public boolean on() {
        return mode != AmdMode.OFF;
    }
}
