package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.dnc.DncEntry;
import io.outcall.core.dnc.ImportReport;
import io.outcall.core.tenant.InvalidTenantException;
import io.outcall.core.validation.Violation;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.ApiRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The do-not-call routes' documents, and what they read from a request. */
final class DncJson {

    /** A report lists at most this many rejected lines (the counts are always whole): it must fit a response. */
    static final int MAX_REJECTS_SHOWN = 1_000;

    private DncJson() {
    }

    static ObjectNode entry(DncEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("number", entry.number()).put("list", entry.list().name().toLowerCase(java.util.Locale.ROOT));
        putIfPresent(node, "reason", entry.reason());
        putIfPresent(node, "addedAt", entry.addedAt() == null ? null : entry.addedAt().toString());
        putIfPresent(node, "addedBy", entry.addedBy());
        putIfPresent(node, "source", entry.source());
        putIfPresent(node, "callId", entry.callId());
        return node;
    }

    static ObjectNode report(ImportReport report) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("lines", report.lines()).put("added", report.added()).put("alreadyListed", report.alreadyListed())
                .put("rejectedCount", report.rejected().size());
        node.putArray("rejected");
        report.rejected().stream().limit(MAX_REJECTS_SHOWN).forEach(r -> node.withArray("rejected").addObject()
                .put("line", r.line()).put("value", r.value()).put("reason", r.reason()));
        if (report.rejected().size() > MAX_REJECTS_SHOWN) {
            node.put("rejectedTruncated", true);
        }
        return node;
    }

    /** The {@code number} path parameter, percent-decoded (a {@code +} stays a plus). */
    static String pathNumber(ApiRequest request) {
        String raw = request.pathParameters().get("number");
        if (raw == null) {
            return null;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantException(List.of(new Violation("number", "is not a valid path segment")));
        }
    }

    /** PUT's optional body: {@code {"reason": "..."}}, or nothing. */
    static String reason(ApiEvents api, ApiRequest request) {
        if (request.body().length == 0) {
            return null;
        }
        JsonNode body = api.jsonBody(request);
        if (!body.isObject()) {
            throw new InvalidTenantException(List.of(new Violation("body", "must be a JSON object such as {\"reason\":\"asked by phone\"}")));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("reason")) {
                throw new InvalidTenantException(List.of(new Violation(name, "is not a known field; expected only 'reason'")));
            }
        });
        JsonNode reason = body.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw new InvalidTenantException(List.of(new Violation("reason", "must be a string")));
        }
        return reason == null || reason.isNull() ? null : reason.textValue();
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
