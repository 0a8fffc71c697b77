package io.outcall.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoIdempotencyStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.intake.IntakeRequest;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TransferNumber;
import io.outcall.core.tenant.TransferPicker;
import io.outcall.localaws.LocalServices;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The local servers made ready for the children: the tenant they call for, and the servers' own JIT warmed. */
final class ServiceWarmUp {

    static final String TENANT = "bench-tenant";
    static final String WARM_TENANT = "warm-up-tenant";

    private ServiceWarmUp() {
    }

    static void seed(LocalServices local, String tenantId) {
        DynamoTenantStore tenants = new DynamoTenantStore(local.dynamoDb(), "TenantsTable");
        tenants.put(new Tenant(tenantId, "Acme", "US", List.of("DynamicIVR"), "DynamicIVR",
                List.of(new TransferNumber("+14045550199", 1))));
        tenants.put(new Did(tenantId, "did-1", "+14045550100", "Acme", true, null, 0));
    }

    /**
     * DynamoDB Local and ElasticMQ are cold JVM code too; the real services are not. The same intake
     * the handler runs, in this JVM, for another tenant and onto another queue, until the servers'
     * answers stop getting faster, so the children measure their own start and not the servers'.
     */
    static void warmUpServices(LocalServices local) {
        ObjectMapper json = new ObjectMapper();
        String queue = local.sqs().createQueue(b -> b.queueName("ColdStartWarmUpQueue")).queueUrl();
        seed(local, WARM_TENANT);
        DynamoTenantStore tenants = new DynamoTenantStore(local.dynamoDb(), "TenantsTable");
        CallIntake intake = new CallIntake(tenants, new DynamoCallStore(local.dynamoDb(), "CallsTable", "CallStatsTable"),
                new DynamoIdempotencyStore(local.dynamoDb(), "IdempotencyTable"),
                new SqsOriginateQueue(local.sqs(), queue, new OriginateMessageCodec(json)),
                new CallRequestValidator(new PhoneNumbers()), new TransferPicker(new SecureRandom()),
                CallId.systemGenerator(), Clock.systemUTC());
        CallRequest request = new CallRequest("+14045550123", null, null, null, null, null);
        long start = System.nanoTime();
        int count = 0;
        long lastBatchMicros = 0;
        long firstBatchMicros = -1;
        while (count < 2000 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15)) {
            long batch = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                intake.accept(new IntakeRequest(WARM_TENANT, request, null, null));
            }
            count += 50;
            lastBatchMicros = (System.nanoTime() - batch) / 1000 / 50;
            if (firstBatchMicros < 0) {
                firstBatchMicros = lastBatchMicros;
            }
        }
        local.sqs().purgeQueue(b -> b.queueUrl(queue));
        System.out.printf(Locale.ROOT, "warmed the local services with %d intakes in %d ms (%.1f ms per intake at first, %.1f at last)%n",
                count, (System.nanoTime() - start) / 1_000_000, firstBatchMicros / 1000.0, lastBatchMicros / 1000.0);
    }
}
