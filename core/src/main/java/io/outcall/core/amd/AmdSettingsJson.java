package io.outcall.core.amd;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** AMD settings as the tenant document and the queue message show them (the fields {@link AmdRequest} reads). */
public final class AmdSettingsJson {

    private AmdSettingsJson() {
    }

    /** Into a tenant document: the mode and every parameter always, the message when there is one. */
    public static void put(ObjectNode doc, AmdSettings amd) {
        doc.put(AmdRequest.MODE_FIELD, amd.mode().json());
        ObjectNode parameters = doc.putObject(AmdRequest.PARAMETERS_FIELD);
        for (AmdParameter p : AmdParameter.values()) {
            parameters.put(p.json(), amd.parameters().get(p));
        }
        if (amd.message() != null) {
            doc.putObject(AmdRequest.MESSAGE_FIELD).put("prompt", amd.message().prompt())
                    .put("waitForSilenceMs", amd.message().waitForSilenceMs());
        }
    }

    /** As fields of the object being written (queue message, call views). */
    public static void write(JsonGenerator out, AmdSettings amd) throws IOException {
        out.writeStringField(AmdRequest.MODE_FIELD, amd.mode().json());
        out.writeObjectFieldStart(AmdRequest.PARAMETERS_FIELD);
        for (AmdParameter p : AmdParameter.values()) {
            out.writeNumberField(p.json(), amd.parameters().get(p));
        }
        out.writeEndObject();
        if (amd.message() != null) {
            out.writeObjectFieldStart(AmdRequest.MESSAGE_FIELD);
            out.writeStringField("prompt", amd.message().prompt());
            out.writeNumberField("waitForSilenceMs", amd.message().waitForSilenceMs());
            out.writeEndObject();
        }
    }
}
