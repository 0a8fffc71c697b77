package io.outcall.core.intake;

import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallBatchStore;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoIdempotencyStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.json.Json;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.core.tenant.TransferPicker;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Batch intake over the shared DynamoDB Local and ElasticMQ, for a tenant of its own (so tests do
 * not see each other's calls) and a queue of its own; the clients carry the given interceptor.
 */
final class BatchFixture {

    final String tenantId = "batch-" + UUID.randomUUID();
    final DynamoDbClient dynamoDb;
    final SqsClient sqs;
    final String queueUrl;
    final DynamoTenantStore tenants;
    final DynamoCallStore calls;
    final BatchCallIntake intake;

    BatchFixture(LocalServices local, ExecutionInterceptor interceptor) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        dynamoDb = DynamoDbClient.builder().endpointOverride(local.dynamoDbServer().endpoint()).region(LocalAws.REGION)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
        sqs = SqsClient.builder().endpointOverride(local.sqsServer().endpoint()).region(LocalAws.REGION)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
        queueUrl = local.sqs().createQueue(b -> b.queueName("batch-" + UUID.randomUUID())).queueUrl();
        tenants = new DynamoTenantStore(dynamoDb, "TenantsTable");
        tenants.put(new Tenant(tenantId, "Batch Inc", "US", List.of("DynamicIVR", "Hold"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 1))));
        tenants.put(new Did(tenantId, "did-main", "+14045550100", "Batch", true, null, 0));
        tenants.put(new Did(tenantId, "did-sales", "+14045550101", "Batch Sales", true, null, 0));
        tenants.put(new Did(tenantId, "did-old", "+14045550102", "Batch Old", false, null, 0));
        calls = new DynamoCallStore(dynamoDb, "CallsTable", "CallStatsTable");
        intake = new BatchCallIntake(tenants, calls, new DynamoCallBatchStore(dynamoDb, "CallsTable"),
                new DynamoIdempotencyStore(dynamoDb, "IdempotencyTable"),
                new SqsOriginateQueue(sqs, queueUrl, new OriginateMessageCodec(Json.standard())),
                new CallRequestValidator(new PhoneNumbers()), new TransferPicker(new SecureRandom()),
                CallId.systemGenerator(), Clock.systemUTC());
    }

    /** {@code count} good calls to distinct numbers, keyed {@code key#index} when key is not null. */
    List<BatchItem> items(int count, String key) {
        List<BatchItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item(number(i), key, i));
        }
        return items;
    }

    BatchItem item(String to, String key, int index) {
        return BatchItem.of(new CallRequest(to, null, null, null, null, null),
                key == null ? null : IdempotencyKey.ofBatchItem(tenantId, key, index), null);
    }

    static String number(int i) {
        return "+1706555" + String.format("%04d", 1000 + i);
    }

    List<BatchOutcome> accept(List<BatchItem> items) {
        return intake.accept(tenantId, items);
    }

    /** Every message on this fixture's queue now, taken off it. */
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
