package io.outcall.core.dynamo;

import io.outcall.core.tenant.AuditEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.outcall.core.dynamo.Items.putIfPresent;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * Audit entries in TenantsTable: partition {@code audit#<tenant>}, sort key the entry's time in
 * zero-padded epoch milliseconds and a random suffix, so entries sort by time and two in the same
 * millisecond do not overwrite each other. Written once, never updated.
 */
final class AuditItems {

    private AuditItems() {
    }

    static String partition(String tenantId) {
        return "audit#" + tenantId;
    }

    static Put put(String table, AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(partition(entry.tenantId())));
        item.put("sk", s("%013d#%s".formatted(entry.at().toEpochMilli(),
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))));
        item.put("at", s(entry.at().toString()));
        putIfPresent(item, "actor", entry.actor());
        item.put("action", s(entry.action()));
        item.put("subject", s(entry.subject()));
        List<AttributeValue> changes = new ArrayList<>();
        for (AuditEntry.Change change : entry.changes()) {
            Map<String, AttributeValue> c = new HashMap<>();
            c.put("field", s(change.field()));
            putIfPresent(c, "before", change.before());
            putIfPresent(c, "after", change.after());
            changes.add(AttributeValue.fromM(c));
        }
        item.put("changes", AttributeValue.fromL(changes));
        return Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(sk)").build();
    }

    static AuditEntry entry(String tenantId, Map<String, AttributeValue> item) {
        List<AuditEntry.Change> changes = new ArrayList<>();
        for (AttributeValue change : item.get("changes").l()) {
            changes.add(new AuditEntry.Change(string(change.m(), "field"), string(change.m(), "before"),
                    string(change.m(), "after")));
        }
        return new AuditEntry(tenantId, Instant.parse(string(item, "at")), string(item, "actor"),
                string(item, "action"), string(item, "subject"), changes);
    }

    /** Whether a transaction failed on its first item's condition (the thing changed, not the audit). */
    static boolean firstConditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code());
    }
}
