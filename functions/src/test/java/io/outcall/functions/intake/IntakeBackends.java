package io.outcall.functions.intake;

import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * The real DynamoDB and SQS an intake scenario runs against (DynamoDB Local and ElasticMQ, or
 * LocalStack), with two tenants seeded: acme (US, three DIDs, one disabled) and globex (GB).
 */
record IntakeBackends(DynamoDbClient dynamoDb, SqsClient sqs, String queueUrl) {

    static final String CALLS = "CallsTable";
    static final String TENANTS = "TenantsTable";
    static final String IDEMPOTENCY = "IdempotencyTable";

    void seedTenants() {
        DynamoTenantStore tenants = new DynamoTenantStore(dynamoDb, TENANTS);
        tenants.put(new Tenant("acme", "Acme Inc", "US", List.of("DynamicIVR", "Hold"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 3), new TransferNumber("+14045550198", 1))));
        tenants.put(new Did("acme", "did-main", "+14045550100", "Acme", true, null, 0));
        tenants.put(new Did("acme", "did-sales", "+14045550101", "Acme Sales", true, null, 0));
        tenants.put(new Did("acme", "did-old", "+14045550102", "Acme Old", false, null, 0));
        tenants.put(new Tenant("globex", "Globex Ltd", "GB", List.of("DynamicIVR"), "DynamicIVR", List.of()));
        tenants.put(new Did("globex", "did-london", "+442079460000", "Globex", true, null, 0));
    }

    FunctionConfig config() {
        return config(queueUrl);
    }

    FunctionConfig config(String originateQueueUrl) {
        return new FunctionConfig(Region.US_EAST_1, CALLS, TENANTS, IDEMPOTENCY, "CallEventsTable", "CallStatsTable",
                originateQueueUrl, "tenant_id", "test-cursor-key-0123456789abcdef", null, null);
    }

    IntakeWiring wiring() {
        return IntakeWiring.of(config(), dynamoDb, sqs);
    }

    /** A wiring whose queue does not exist: every enqueue fails as if SQS were down. */
    IntakeWiring wiringWithBrokenQueue() {
        String missing = queueUrl.substring(0, queueUrl.lastIndexOf('/') + 1) + "NoSuchQueue";
        return IntakeWiring.of(config(missing), dynamoDb, sqs);
    }

    int callCount() {
        return dynamoDb.scan(b -> b.tableName(CALLS).select("COUNT").consistentRead(true)).count();
    }

    /** Takes every message now on the queue. */
    List<Message> drainQueue() {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message m : batch) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }
}
