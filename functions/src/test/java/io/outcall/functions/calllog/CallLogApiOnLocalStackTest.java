package io.outcall.functions.calllog;

import io.outcall.functions.testing.LocalStackBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same read-side scenarios on LocalStack through Testcontainers. Needs a Docker engine; where
 * there is none the class is skipped, and CallLogApiOnLocalServicesTest covers the scenarios.
 */
@Testcontainers(disabledWithoutDocker = true)
class CallLogApiOnLocalStackTest extends CallLogApiScenarios {

    private static LocalStackBackends localStack;

    @BeforeAll
    static void start() {
        localStack = LocalStackBackends.start();
        seed(localStack.dynamoDb(), localStack.originateQueueUrl());
    }

    @AfterAll
    static void stop() {
        if (localStack != null) {
            localStack.close();
        }
    }
}
