package io.outcall.functions.admin;

import io.outcall.functions.AdminWiring;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.regions.Region;

import java.time.Clock;

/** DynamoDB Local and ElasticMQ in this JVM, with the admin and intake wirings the admin tests send events to. */
record AdminBackends(LocalServices local, FunctionConfig config, AdminWiring wiring) implements AutoCloseable {

    static AdminBackends start() {
        LocalServices local = LocalServices.startInMemory();
        FunctionConfig config = new FunctionConfig(Region.US_EAST_1, "CallsTable", "TenantsTable", "IdempotencyTable",
                "CallEventsTable", "CallStatsTable", local.queueUrl("OriginateQueue"), "tenant_id",
                "test-cursor-key-0123456789abcdef", null, null);
        return new AdminBackends(local, config, AdminWiring.of(config, local.dynamoDb(), Clock.systemUTC()));
    }

    IntakeWiring intake() {
        return IntakeWiring.of(config, local.dynamoDb(), local.sqs());
    }

    @Override
    public void close() {
        local.close();
    }
}
