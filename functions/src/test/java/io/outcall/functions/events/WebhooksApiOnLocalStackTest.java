package io.outcall.functions.events;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The webhook API scenarios on LocalStack through Testcontainers (DynamoDB and SQS).
 * Needs a Docker engine; where there is none the class is skipped, and
 * WebhooksApiOnLocalServicesTest covers the scenarios.
 */
@Testcontainers(disabledWithoutDocker = true)
class WebhooksApiOnLocalStackTest extends WebhooksApiScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localStack();
    }
}
