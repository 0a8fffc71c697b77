package io.outcall.core.amd;

import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AMD fields of a tenant document or a call request, as given: {@code answeringMachineDetection},
 * {@code amdParameters} and {@code voicemailMessage}. Absent fields take the base's value (the
 * defaults for a tenant, the tenant's for a call), so a call can change one parameter alone.
 *
 * @param parameters only the parameters given
 */
public record AmdRequest(String mode, Map<AmdParameter, Integer> parameters, String prompt, Integer waitForSilenceMs) {

    public static final String MODE_FIELD = "answeringMachineDetection";
    public static final String PARAMETERS_FIELD = "amdParameters";
    public static final String MESSAGE_FIELD = "voicemailMessage";
    public static final Set<String> FIELDS = Set.of(MODE_FIELD, PARAMETERS_FIELD, MESSAGE_FIELD);
    static final Set<String> MESSAGE_FIELDS = Set.of("prompt", "waitForSilenceMs");
    static final Set<String> PARAMETER_FIELDS = Arrays.stream(AmdParameter.values()).map(AmdParameter::json)
            .collect(Collectors.toUnmodifiableSet());

    public static final AmdRequest NONE = new AmdRequest(null, Map.of(), null, null);

    public AmdRequest {
        parameters = parameters.isEmpty() ? Map.of() : new EnumMap<>(parameters);
    }

    /** Reads the AMD fields of {@code fields}; type errors go to its violations. */
    public static AmdRequest read(JsonFields fields) {
        String mode = fields.string(MODE_FIELD);
        Map<AmdParameter, Integer> parameters = new EnumMap<>(AmdParameter.class);
        JsonFields given = fields.object(PARAMETERS_FIELD);
        if (given != null) {
            given.onlyKnown(PARAMETER_FIELDS);
            for (AmdParameter p : AmdParameter.values()) {
                Integer value = given.integer(p.json());
                if (value != null) {
                    parameters.put(p, value);
                }
            }
        }
        String prompt = null;
        Integer wait = null;
        JsonFields message = fields.object(MESSAGE_FIELD);
        if (message != null) {
            message.onlyKnown(MESSAGE_FIELDS);
            prompt = message.string("prompt");
            wait = message.integer("waitForSilenceMs");
        }
        return new AmdRequest(mode, parameters, prompt, wait);
    }

    /**
     * The settings this request makes of {@code base}, every rule checked: a known mode, each
     * parameter within its bounds, a playable prompt, and a prompt whenever the mode leaves a message.
     *
     * @return null when a violation was recorded
     */
    public AmdSettings over(AmdSettings base, List<Violation> violations) {
        int before = violations.size();
        AmdMode resolved = base.mode();
        if (mode != null) {
            resolved = AmdMode.ofJson(mode).orElse(null);
            if (resolved == null) {
                violations.add(new Violation(MODE_FIELD, "'" + mode + "' is not a mode; use one of " + AmdMode.names()));
            }
        }
        parameters.forEach((p, value) -> {
            if (!p.allows(value)) {
                violations.add(new Violation(PARAMETERS_FIELD + "." + p.json(), "must be between " + p.min() + " and "
                        + p.max() + ", was " + value + " (Asterisk's default is " + p.defaultValue() + ")"));
            }
        });
        VoicemailMessage message = message(base.message(), violations);
        if (resolved == AmdMode.LEAVE_MESSAGE && message == null) {
            violations.add(new Violation(MESSAGE_FIELD + ".prompt", "is required when " + MODE_FIELD
                    + " is leaveMessage: the sound to play after the greeting, e.g. outcall/reminder"));
        }
        if (violations.size() > before) {
            return null;
        }
        return new AmdSettings(resolved, base.parameters().with(parameters), message);
    }

    private VoicemailMessage message(VoicemailMessage base, List<Violation> violations) {
        String resolvedPrompt = prompt != null ? prompt : base == null ? null : base.prompt();
        int wait = waitForSilenceMs != null ? waitForSilenceMs
                : base == null ? VoicemailMessage.DEFAULT_WAIT_FOR_SILENCE_MS : base.waitForSilenceMs();
        if (prompt != null && !VoicemailMessage.PROMPT.matcher(prompt).matches()) {
            violations.add(new Violation(MESSAGE_FIELD + ".prompt", "must name a sound under Asterisk's sounds folder"
                    + " without extension: 1 to 4 segments of A-Z a-z 0-9 _ - separated by /, e.g. outcall/reminder"));
        }
        if (wait < VoicemailMessage.MIN_WAIT_FOR_SILENCE_MS || wait > VoicemailMessage.MAX_WAIT_FOR_SILENCE_MS) {
            violations.add(new Violation(MESSAGE_FIELD + ".waitForSilenceMs", "must be between "
                    + VoicemailMessage.MIN_WAIT_FOR_SILENCE_MS + " and " + VoicemailMessage.MAX_WAIT_FOR_SILENCE_MS
                    + ", was " + wait));
        }
        if (resolvedPrompt == null && waitForSilenceMs != null) {
            // Kept without a prompt, the wait would be dropped unseen: a message is its sound and its wait together.
            violations.add(new Violation(MESSAGE_FIELD + ".prompt", "is required with " + MESSAGE_FIELD
                    + ".waitForSilenceMs: the wait belongs to a message; name its sound too, e.g. outcall/reminder"));
        }
        return resolvedPrompt == null ? null : new VoicemailMessage(resolvedPrompt, wait);
    }
}
