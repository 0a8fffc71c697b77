package io.outcall.functions.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.json.JsonWritable;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP API (payload format 2.0) response: status, headers and a JSON body. */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) implements JsonWritable {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("content-type", "application/json"), body);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(statusCode, more, body);
    }

    /** The document the function returns to API Gateway; the body always goes as text, never base64. */
    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("statusCode", statusCode);
        out.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            out.writeStringField(header.getKey(), header.getValue());
        }
        out.writeEndObject();
        out.writeStringField("body", body);
        out.writeBooleanField("isBase64Encoded", false);
        out.writeEndObject();
    }
}
