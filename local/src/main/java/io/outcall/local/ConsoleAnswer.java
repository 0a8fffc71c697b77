package io.outcall.local;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of the console site, before its security headers are added. {@code body} null: a HEAD answer. */
record ConsoleAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static ConsoleAnswer json(int status, String body) {
        return new ConsoleAnswer(status, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    ConsoleAnswer with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new ConsoleAnswer(status, contentType, body, more);
    }

    ConsoleAnswer headOnly() {
        return new ConsoleAnswer(status, contentType, null, headers);
    }

    boolean isHeadOnly() {
        return body == null;
    }
}
