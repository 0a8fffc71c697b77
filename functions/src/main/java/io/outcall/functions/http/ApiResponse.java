package io.outcall.functions.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP API (payload format 2.0) response: status, headers and a JSON body. */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

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
}
