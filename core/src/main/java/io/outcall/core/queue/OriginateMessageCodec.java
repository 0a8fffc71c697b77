package io.outcall.core.queue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.amd.AmdRequest;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.AmdSettingsJson;
import io.outcall.core.json.Json;
import io.outcall.core.retry.RetryPolicy;
import io.outcall.core.retry.RetryPolicyJson;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;
import io.outcall.core.tenant.TenantLimits;
import io.outcall.core.window.CallingWindow;
import io.outcall.core.window.CallingWindowJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON form of {@link OriginateMessage}, checked for its schema version on the way in.
 *
 * <p>Written and read field by field rather than through databind: the make-call Lambda encodes
 * one message per cold start and should not pay for an {@code ObjectMapper} to do it. Reading
 * ignores fields it does not know, so a newer writer can add some.
 */
public final class OriginateMessageCodec {

    /** The message field of the calling window (version 5). */
    static final String WINDOW_FIELD = "window";

    private final Json json;

    public OriginateMessageCodec(Json json) {
        this.json = json;
    }

    /** For callers that already hold a mapper; only its {@code JsonFactory} is used. */
    public OriginateMessageCodec(ObjectMapper mapper) {
        this(new Json(mapper.getFactory()));
    }

    public String encode(OriginateMessage message) {
        return json.write(generator -> write(message, generator));
    }

    private static void write(OriginateMessage message, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("schemaVersion", message.schemaVersion());
        out.writeStringField("callId", message.callId());
        out.writeStringField("tenantId", message.tenantId());
        out.writeStringField("to", message.to());
        out.writeStringField("from", message.from());
        out.writeStringField("callerName", message.callerName());
        out.writeStringField("context", message.context());
        out.writeStringField("transferNumber", message.transferNumber());
        out.writeNumberField("ringTimeoutSeconds", message.ringTimeoutSeconds());
        out.writeObjectFieldStart("variables");
        for (Map.Entry<String, String> variable : message.variables().entrySet()) {
            out.writeStringField(variable.getKey(), variable.getValue());
        }
        out.writeEndObject();
        out.writeStringField("createdAt", message.createdAt());
        if (message.limits() != null) {
            out.writeObjectFieldStart("limits");
            out.writeNumberField("callsPerSecond", message.limits().callsPerSecond());
            out.writeNumberField("concurrentCalls", message.limits().concurrentCalls());
            out.writeEndObject();
        }
        if (message.timelineExpiresAt() != null) {
            out.writeNumberField("timelineExpiresAt", message.timelineExpiresAt());
        }
        if (message.amd() != null) {
            out.writeObjectFieldStart("amd");
            AmdSettingsJson.write(out, message.amd());
            out.writeEndObject();
        }
        if (message.record()) {
            out.writeBooleanField("record", true);
        }
        if (message.prompt() != null) {
            out.writeStringField("prompt", message.prompt());
        }
        if (message.window() != null) {
            CallingWindowJson.write(out, WINDOW_FIELD, message.window());
        }
        if (message.attempt() > 1) {
            out.writeNumberField("attempt", message.attempt());
        }
        RetryPolicyJson.write(out, message.retry());
        out.writeEndObject();
    }

    /** @throws MalformedMessageException when the body is not a message of a version this code knows */
    public OriginateMessage decode(String body) {
        JsonNode tree;
        try {
            tree = json.read(body);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable: " + e.getMessage());
        }
        if (!tree.isObject()) {
            throw new MalformedMessageException("not a JSON object");
        }
        JsonNode version = tree.path("schemaVersion");
        if (version.isMissingNode()) {
            throw new MalformedMessageException("schemaVersion is missing; this bridge reads version "
                    + OriginateMessage.CURRENT_VERSION);
        }
        int schema = version.asInt(-1);
        if (schema < OriginateMessage.OLDEST_READABLE_VERSION || schema > OriginateMessage.CURRENT_VERSION) {
            throw new MalformedMessageException("schemaVersion " + version + " is not supported; this bridge reads"
                    + " versions " + OriginateMessage.OLDEST_READABLE_VERSION + " to " + OriginateMessage.CURRENT_VERSION);
        }
        // Version 1 has no limits and no expiry: they read as absent, and the bridge's defaults apply.
        OriginateMessage message = new OriginateMessage(schema,
                string(tree, "callId"), string(tree, "tenantId"), string(tree, "to"), string(tree, "from"),
                string(tree, "callerName"), string(tree, "context"), string(tree, "transferNumber"),
                integer(tree, "ringTimeoutSeconds"), variables(tree), string(tree, "createdAt"), limits(tree),
                tree.path("timelineExpiresAt").isIntegralNumber() ? tree.path("timelineExpiresAt").longValue() : null,
                amd(tree), record(tree), string(tree, "prompt"), window(tree), attempt(tree), retry(tree));
        if (message.callId() == null || message.tenantId() == null || message.to() == null) {
            throw new MalformedMessageException("callId, tenantId and to are required");
        }
        return message;
    }

    private static String string(JsonNode tree, String field) {
        JsonNode value = tree.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string");
        }
        return value.textValue();
    }

    /** Absent means 0, as databind read it for the record's int component. */
    private static int integer(JsonNode tree, String field) {
        JsonNode value = tree.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "a whole number");
        }
        return value.intValue();
    }

    private static TenantLimits limits(JsonNode tree) {
        JsonNode value = tree.path("limits");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType("limits", "an object");
        }
        int perSecond = integer(value, "callsPerSecond");
        int concurrent = integer(value, "concurrentCalls");
        if (perSecond < 1 || concurrent < 1) {
            throw new MalformedMessageException("limits.callsPerSecond and limits.concurrentCalls must be at least 1");
        }
        return new TenantLimits(perSecond, concurrent);
    }

    /** Read with the API's own rules: a message that names a mode or value the API would refuse is refused. */
    private static AmdSettings amd(JsonNode tree) {
        JsonNode value = tree.path("amd");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        List<Violation> violations = new ArrayList<>();
        JsonFields fields = new JsonFields(value, v -> new MalformedMessageException("amd must be an object"));
        AmdSettings amd = AmdRequest.read(fields).over(AmdSettings.OFF, violations);
        violations.addAll(fields.violations());
        if (!violations.isEmpty()) {
            throw new MalformedMessageException("amd is not valid: " + violations);
        }
        return amd;
    }

    /** Read with the admin API's own rules: a window it would refuse is a malformed message. */
    private static CallingWindow window(JsonNode tree) {
        JsonNode value = tree.path(WINDOW_FIELD);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return CallingWindowJson.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("window is not valid: " + e.getMessage());
        }
    }

    /** Absent (versions 1 to 4, or a first attempt) is attempt 1. */
    private static int attempt(JsonNode tree) {
        JsonNode value = tree.path("attempt");
        if (value.isMissingNode() || value.isNull()) {
            return 1;
        }
        int attempt = integer(tree, "attempt");
        if (attempt < 1 || attempt > RetryPolicy.MAX_ATTEMPTS) {
            throw new MalformedMessageException("attempt must be 1 to " + RetryPolicy.MAX_ATTEMPTS + ", was " + attempt);
        }
        return attempt;
    }

    /** Read with the API's own rules, like {@code amd}. */
    private static RetryPolicy retry(JsonNode tree) {
        JsonNode value = tree.path(RetryPolicyJson.FIELD);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        // Only the policy is looked at: the other fields have their own checks here and in the bridge.
        com.fasterxml.jackson.databind.node.ObjectNode alone = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        alone.set(RetryPolicyJson.FIELD, value);
        JsonFields fields = new JsonFields(alone, v -> new MalformedMessageException("not a JSON object"));
        RetryPolicy retry = RetryPolicyJson.read(fields, RetryPolicy.DEFAULTS);
        if (retry == null || !fields.violations().isEmpty()) {
            throw new MalformedMessageException("retry is not valid: " + fields.violations());
        }
        return retry;
    }

    private static boolean record(JsonNode tree) {
        JsonNode value = tree.path("record");
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType("record", "true or false");
        }
        return value.booleanValue();
    }

    private static Map<String, String> variables(JsonNode tree) {
        JsonNode value = tree.path("variables");
        if (value.isMissingNode() || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw wrongType("variables", "an object of strings");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> variable : value.properties()) {
            if (!variable.getValue().isTextual()) {
                throw wrongType("variables." + variable.getKey(), "a string");
            }
            variables.put(variable.getKey(), variable.getValue().textValue());
        }
        return variables;
    }

    private static MalformedMessageException wrongType(String field, String expected) {
        return new MalformedMessageException("a field has the wrong type: " + field + " must be " + expected);
    }

    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }
    }
}
