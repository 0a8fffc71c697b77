package io.outcall.functions.events;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The webhook delivery scenarios on LocalStack through Testcontainers, the stream read from its own
 * DynamoDB Streams. Needs a Docker engine; where there is none the class is skipped, and
 * WebhookDeliveryOnLocalServicesTest covers the scenarios.
 */
@Testcontainers(disabledWithoutDocker = true)
class WebhookDeliveryOnLocalStackTest extends WebhookDeliveryScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localStack();
    }
}
