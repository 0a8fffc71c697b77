package io.outcall.local;

import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A .local database kept from an older checkout gets the tables, indexes and streams template.yaml gained
 * since, so ./run-local keeps working on it without --in-memory or deleting data.
 */
class LocalTablesUpgradeTest {

    @Test
    void missingTablesAndIndexesAreAddedToAnExistingDatabase() {
        CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
        try (LocalServices local = LocalServices.startInMemory()) {
            DynamoDbClient dynamoDb = local.dynamoDb();
            // The database as an older version left it: no statistics table, calls with one index.
            dynamoDb.deleteTable(b -> b.tableName("CallStatsTable"));
            dynamoDb.deleteTable(b -> b.tableName("CallsTable"));
            dynamoDb.createTable(b -> b.tableName("CallsTable").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("callId").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("tenantId").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("callId").keyType(KeyType.HASH))
                    .globalSecondaryIndexes(g -> g.indexName("byTenant")
                            .keySchema(k -> k.attributeName("tenantId").keyType(KeyType.HASH),
                                    k -> k.attributeName("callId").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));

            LocalAws.createTables(dynamoDb, template);

            assertTrue(dynamoDb.listTables().tableNames().contains("CallStatsTable"));
            Set<String> indexes = new TreeSet<>(dynamoDb.describeTable(b -> b.tableName("CallsTable")).table()
                    .globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName).toList());
            assertEquals(new TreeSet<>(List.of("byTenant", "byTenantStatus", "byTenantDisposition", "byTenantNumber",
                    "byTenantJourney", "byTenantAnsweredBy", "byBridge", "byCancel", "byQueued", "byDue")), indexes);
            assertEquals(Boolean.TRUE, dynamoDb.describeTable(b -> b.tableName("CallsTable")).table()
                    .streamSpecification().streamEnabled(), "the calls table gains its stream");
        }
    }
}
