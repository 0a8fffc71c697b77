package io.outcall.core.dynamo;

import io.outcall.core.prompt.Prompt;
import io.outcall.core.prompt.PromptReadyException;
import io.outcall.core.prompt.PromptState;
import io.outcall.core.prompt.PromptStore;
import io.outcall.core.prompt.Rejection;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.UnknownTenantException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.outcall.core.dynamo.Items.instant;
import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;
import static io.outcall.core.dynamo.Items.string;

/**
 * Prompts in TenantsTable, in a partition of their own ({@code prompts#<tenant>}, sort key the
 * name) rather than the tenant's: the call path reads the tenant's whole partition on every call,
 * and prompts would only add to it.
 */
public final class DynamoPromptStore implements PromptStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoPromptStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static String partition(String tenantId) {
        return "prompts#" + tenantId;
    }

    @Override
    public void startUpload(Prompt prompt, AuditEntry audit) {
        Map<String, AttributeValue> item = new HashMap<>(key(prompt.tenantId(), prompt.name()));
        item.put("state", s(prompt.state().wire()));
        item.put("uploadId", s(prompt.uploadId()));
        if (prompt.bytes() != null) {
            item.put("bytes", n(prompt.bytes()));
        }
        item.put("createdAt", s(prompt.createdAt().toString()));
        item.put("updatedAt", s(prompt.updatedAt().toString()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                            .key(TenantItems.key(prompt.tenantId())).conditionExpression("attribute_exists(tenantId)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(sk) OR #state <> :ready")
                            .expressionAttributeNames(Map.of("#state", "state"))
                            .expressionAttributeValues(Map.of(":ready", s(PromptState.READY.wire()))).build()).build(),
                    TransactWriteItem.builder().put(AuditItems.put(table, audit)).build()));
        } catch (TransactionCanceledException e) {
            if (AuditItems.firstConditionFailed(e)) {
                throw new UnknownTenantException(prompt.tenantId());
            }
            if (e.hasCancellationReasons() && e.cancellationReasons().size() > 1
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(1).code())) {
                throw new PromptReadyException(prompt.name());
            }
            throw e;
        }
    }

    @Override
    public Optional<Prompt> find(String tenantId, String name) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(tenantId, name))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(prompt(tenantId, item));
    }

    @Override
    public List<Prompt> list(String tenantId) {
        List<Prompt> prompts = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("tenantId = :p")
                    .expressionAttributeValues(Map.of(":p", s(partition(tenantId)))).consistentRead(true)
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> prompts.add(prompt(tenantId, item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return prompts;
    }

    @Override
    public boolean markReady(String tenantId, String name, String uploadId, long durationMillis, Instant now) {
        return finish(tenantId, name, uploadId, "SET #state = :state, durationMillis = :duration, updatedAt = :now"
                + " REMOVE rejection, detail", Map.of(":state", s(PromptState.READY.wire()), ":duration", n(durationMillis),
                ":now", s(now.toString())));
    }

    @Override
    public boolean markRejected(String tenantId, String name, String uploadId, Rejection rejection, String detail,
                                Instant now) {
        return finish(tenantId, name, uploadId, "SET #state = :state, rejection = :rejection, detail = :detail,"
                + " updatedAt = :now REMOVE durationMillis", Map.of(":state", s(PromptState.REJECTED.wire()),
                ":rejection", s(rejection.code()), ":detail", s(detail), ":now", s(now.toString())));
    }

    private boolean finish(String tenantId, String name, String uploadId, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":upload", s(uploadId));
        all.put(":uploading", s(PromptState.UPLOADING.wire()));
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(tenantId, name))
                    .conditionExpression("uploadId = :upload AND #state = :uploading").updateExpression(update)
                    .expressionAttributeNames(Map.of("#state", "state")).expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException stale) {
            return false;
        }
    }

    @Override
    public boolean delete(String tenantId, String name, AuditEntry audit) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(tenantId, name))
                            .conditionExpression("attribute_exists(sk)").build()).build(),
                    TransactWriteItem.builder().put(AuditItems.put(table, audit)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (AuditItems.firstConditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> key(String tenantId, String name) {
        return Map.of("tenantId", s(partition(tenantId)), "sk", s(name));
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Long.parseLong(value.n());
    }

    private static Prompt prompt(String tenantId, Map<String, AttributeValue> item) {
        String rejection = string(item, "rejection");
        return new Prompt(tenantId, string(item, "sk"), PromptState.ofWire(string(item, "state")), string(item, "uploadId"),
                rejection == null ? null : Rejection.ofCode(rejection), string(item, "detail"),
                number(item, "durationMillis"), number(item, "bytes"), instant(item, "createdAt"), instant(item, "updatedAt"));
    }
}
