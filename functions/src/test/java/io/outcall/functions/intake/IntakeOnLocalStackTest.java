package io.outcall.functions.intake;

import io.outcall.functions.testing.LocalStackBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same intake scenarios on LocalStack through Testcontainers. Needs a Docker engine; where
 * there is none the class is skipped, and IntakeOnLocalServicesTest covers the scenarios.
 */
@Testcontainers(disabledWithoutDocker = true)
class IntakeOnLocalStackTest extends IntakeScenarios {

    private static LocalStackBackends localStack;
    private static IntakeBackends backends;

    @BeforeAll
    static void start() {
        localStack = LocalStackBackends.start();
        backends = new IntakeBackends(localStack.dynamoDb(), localStack.sqs(), localStack.originateQueueUrl());
        backends.seedTenants();
    }

    @AfterAll
    static void stop() {
        if (localStack != null) {
            localStack.close();
        }
    }

    @Override
    IntakeBackends backends() {
        return backends;
    }
}
