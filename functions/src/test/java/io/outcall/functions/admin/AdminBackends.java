package io.outcall.functions.admin;

import io.outcall.core.sweep.SweepSettings;
import io.outcall.functions.AdminWiring;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.IntakeWiring;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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

    /** The intake as if it were {@code clock}'s now. */
    IntakeWiring intake(Clock clock) {
        return IntakeWiring.of(config, local.dynamoDb(), local.sqs(), SweepSettings.DEFAULT_SHARDS, clock);
    }

    /** Takes every message now on the originate queue; their bodies. */
    List<String> drainQueue() {
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = local.sqs().receiveMessage(b -> b.queueUrl(config.originateQueueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            for (Message m : batch) {
                local.sqs().deleteMessage(b -> b.queueUrl(config.originateQueueUrl()).receiptHandle(m.receiptHandle()));
                bodies.add(m.body());
            }
        } while (!batch.isEmpty());
        return bodies;
    }

    @Override
    public void close() {
        local.close();
    }
}
