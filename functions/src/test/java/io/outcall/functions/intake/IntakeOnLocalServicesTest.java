package io.outcall.functions.intake;

import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Intake scenarios on Amazon DynamoDB Local and ElasticMQ, both inside this JVM. */
class IntakeOnLocalServicesTest extends IntakeScenarios {

    private static LocalServices local;
    private static IntakeBackends backends;

    @BeforeAll
    static void start() {
        local = LocalServices.startInMemory();
        backends = new IntakeBackends(local.dynamoDb(), local.sqs(), local.queueUrl("OriginateQueue"));
        backends.seedTenants();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Override
    IntakeBackends backends() {
        return backends;
    }
}
