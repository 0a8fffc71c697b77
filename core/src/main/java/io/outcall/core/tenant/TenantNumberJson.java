package io.outcall.core.tenant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** DIDs and transfer numbers as JSON: the editable part (what PATCH patches) and the whole. */
public final class TenantNumberJson {

    private TenantNumberJson() {
    }

    /** What a request may set; {@code number} only when adding. */
    static Set<String> editableFields(NumberKind kind) {
        return kind == NumberKind.DID ? Set.of("label", "callerName", "active") : Set.of("label", "weight", "active");
    }

    static ObjectNode editable(TenantNumber number) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        if (number.label() != null) {
            doc.put("label", number.label());
        }
        if (number.callerName() != null) {
            doc.put("callerName", number.callerName());
        }
        if (number.weight() != null) {
            doc.put("weight", number.weight());
        }
        doc.put("active", number.active());
        return doc;
    }

    public static ObjectNode document(TenantNumber number) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put(number.kind().idField(), number.id());
        doc.put("number", number.number());
        doc.setAll(editable(number));
        if (number.kind() == NumberKind.DID) {
            doc.put("useCount", number.useCount());
            if (number.lastUsedAt() != null) {
                doc.put("lastUsedAt", number.lastUsedAt().toString());
            }
        }
        return doc;
    }
}
