package io.outcall.core.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field-by-field changes between two documents of the same thing, nested objects flattened to
 * dotted names, secrets masked: what an audit entry records.
 */
public final class AuditDiff {

    static final String MASK = "********";

    private final Set<String> secretFields;

    /** @param secretFields dotted names whose values never reach the audit log (e.g. a webhook secret) */
    public AuditDiff(Set<String> secretFields) {
        this.secretFields = Set.copyOf(secretFields);
    }

    /** @param before null for a creation; {@code after} null for a removal */
    public List<AuditEntry.Change> changes(JsonNode before, JsonNode after) {
        List<AuditEntry.Change> changes = new ArrayList<>();
        collect("", before == null ? MissingNode.getInstance() : before,
                after == null ? MissingNode.getInstance() : after, changes);
        return changes;
    }

    private void collect(String path, JsonNode before, JsonNode after, List<AuditEntry.Change> changes) {
        if ((before.isObject() || before.isMissingNode()) && (after.isObject() || after.isMissingNode())
                && !(before.isMissingNode() && after.isMissingNode())) {
            Set<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(path.isEmpty() ? name : path + "." + name, before.path(name), after.path(name), changes);
            }
            return;
        }
        if (!before.equals(after)) {
            changes.add(new AuditEntry.Change(path, text(path, before), text(path, after)));
        }
    }

    private String text(String path, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (secretFields.contains(path)) {
            return MASK;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
