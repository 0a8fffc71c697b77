package io.outcall.core.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** JSON form of {@link OriginateMessage}, checked for its schema version on the way in. */
public final class OriginateMessageCodec {

    private final ObjectMapper json;

    public OriginateMessageCodec(ObjectMapper json) {
        this.json = json;
    }

    public String encode(OriginateMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode originate message for call " + message.callId(), e);
        }
    }

    /** @throws MalformedMessageException when the body is not a message of a version this code knows */
    public OriginateMessage decode(String body) {
        try {
            JsonNode tree = json.readTree(body);
            JsonNode version = tree.path("schemaVersion");
            if (version.isMissingNode()) {
                throw new MalformedMessageException("schemaVersion is missing; this bridge reads version "
                        + OriginateMessage.CURRENT_VERSION);
            }
            if (version.asInt(-1) != OriginateMessage.CURRENT_VERSION) {
                throw new MalformedMessageException("schemaVersion " + version + " is not supported; this bridge reads"
                        + " version " + OriginateMessage.CURRENT_VERSION);
            }
            OriginateMessage message = json.readerFor(OriginateMessage.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(tree);
            if (message.callId() == null || message.tenantId() == null || message.to() == null) {
                throw new MalformedMessageException("callId, tenantId and to are required");
            }
            return message;
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new MalformedMessageException("a field has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable: " + e.getMessage());
        }
    }

    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }
    }
}
