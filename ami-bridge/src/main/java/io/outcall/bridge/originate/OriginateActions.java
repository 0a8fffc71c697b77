package io.outcall.bridge.originate;

import io.outcall.core.amd.AmdParameter;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.VoicemailMessage;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.prompt.PromptLimits;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.validation.JsonFields;
import org.asteriskjava.manager.action.OriginateAction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the AMI Originate for a queued call. The intake validated every value, but AMI is a line
 * protocol where one CR or LF injects a header or a whole action, so the bridge checks again
 * rather than trust the queue.
 */
public final class OriginateActions {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final String dialString;

    /** @param dialString channel template with {@code {number}}, e.g. {@code PJSIP/{number}@trunk} */
    public OriginateActions(String dialString) {
        this.dialString = dialString;
    }

    /** The ActionID of a call's Originate: unique per call, so its OriginateResponse finds the call. */
    public static String actionId(String callId) {
        return "orig-" + callId;
    }

    /** The ActionID of one attempt's Originate: unique per attempt, like its channel id. */
    public static String actionId(String callId, int attempt) {
        return actionId(channelId(callId, attempt));
    }

    /**
     * The ChannelId an attempt is originated with, which every channel of it carries as Linkedid:
     * the call id on the first attempt (as before retries existed), {@code <callId>-a<n>} on attempt n,
     * so each attempt's events find only that attempt, and no attempt's id is another's dialed half.
     */
    public static String channelId(String callId, int attempt) {
        return attempt <= 1 ? callId : callId + "-a" + attempt;
    }

    /** The uniqueid Asterisk gives the dialed half of a Local channel pair, from the originated one's. */
    public static String dialedHalfId(String channelId) {
        return channelId + "-2";
    }

    /** Asks the dialplan to record the call with MixMonitor into the spool the bridge uploads from (README, "Recordings"). */
    public static final String RECORD_VARIABLE = "OUTCALL_RECORD";

    /** @throws UnsafeMessageException naming the field that cannot go to Asterisk */
    public OriginateAction build(OriginateMessage message) {
        require(E164.matcher(message.to()).matches(), "to", message.to());
        require(message.from() == null || E164.matcher(message.from()).matches(), "from", message.from());
        require(message.transferNumber() == null || E164.matcher(message.transferNumber()).matches(),
                "transferNumber", message.transferNumber());
        require(CONTEXT.matcher(message.context()).matches(), "context", message.context());
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CALL_ID", message.callId());
        variables.put("TENANT_ID", safe("tenantId", message.tenantId()));
        if (message.transferNumber() != null) {
            variables.put("TRANSFER_NUMBER", message.transferNumber());
        }
        message.variables().forEach((name, value) -> {
            require(VARIABLE_NAME.matcher(name).matches(), "variables." + name, name);
            // Intake refuses these names; a message carrying one anyway must not override the platform's.
            require(!CallRequestValidator.RESERVED_VARIABLES.contains(name)
                    && !name.startsWith(CallRequestValidator.RESERVED_PREFIX), "variables." + name, name);
            variables.put(name, safe("variables." + name, value));
        });
        if (message.amd() != null) {
            amdVariables(message.amd(), variables);
        }
        if (message.record()) {
            variables.put(RECORD_VARIABLE, "1");
        }
        if (message.prompt() != null) {
            // Only the call's own tenant's folder: a message naming another's is not dialed.
            require(message.prompt().startsWith("outcall/" + message.tenantId() + "/")
                    && PromptLimits.NAME.matcher(message.prompt().substring(("outcall/" + message.tenantId() + "/").length()))
                    .matches(), "prompt", message.prompt());
            variables.put("OUTCALL_PROMPT", message.prompt());
        }

        OriginateAction action = new OriginateAction();
        action.setChannel(dialString.replace("{number}", message.to()));
        action.setContext(message.context());
        action.setExten("s");
        action.setPriority(1);
        if (message.from() != null) {
            String name = message.callerName() == null ? "" : safe("callerName", message.callerName()).replace("\"", "");
            action.setCallerId(name.isEmpty() ? "<" + message.from() + ">" : "\"" + name + "\" <" + message.from() + ">");
        }
        action.setTimeout((long) message.ringTimeoutSeconds() * 1000);
        action.setAsync(true);
        String channelId = channelId(message.callId(), message.attempt());
        action.setActionId(actionId(channelId));
        action.setChannelId(channelId);
        action.setOtherChannelId(dialedHalfId(channelId));
        action.setVariables(variables);
        return action;
    }

    /**
     * The dialplan contract for answering-machine detection (README, "AMD"): one variable per
     * {@code AMD()} argument, because Asterisk splits an Originate {@code Variable:} header on commas.
     * Numbers are written from ints; the prompt is checked like any value, and to the sound-name rule.
     */
    private static void amdVariables(AmdSettings amd, Map<String, String> variables) {
        variables.put("OUTCALL_AMD", amd.mode().json());
        for (AmdParameter p : AmdParameter.values()) {
            variables.put(p.variable(), Integer.toString(amd.parameters().get(p)));
        }
        if (amd.message() != null) {
            require(VoicemailMessage.PROMPT.matcher(amd.message().prompt()).matches(), "amd.voicemailMessage.prompt", amd.message().prompt());
            variables.put("OUTCALL_VM_PROMPT", amd.message().prompt());
            variables.put("OUTCALL_VM_WAIT_SILENCE_MS", Integer.toString(amd.message().waitForSilenceMs()));
        }
    }

    private static String safe(String field, String value) {
        require(value != null && JsonFields.firstControlCharacter(value) < 0, field, value);
        return value;
    }

    private static void require(boolean ok, String field, String value) {
        if (!ok) {
            throw new UnsafeMessageException("field " + field + " cannot be sent to Asterisk: '"
                    + (value == null ? "null" : value.replaceAll("\\p{Cntrl}", "?")) + "'");
        }
    }

    public static final class UnsafeMessageException extends RuntimeException {
        public UnsafeMessageException(String message) {
            super(message);
        }
    }
}
