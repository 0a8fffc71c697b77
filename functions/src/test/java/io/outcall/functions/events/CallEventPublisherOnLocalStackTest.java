package io.outcall.functions.events;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The publisher's scenarios on LocalStack through Testcontainers, the stream read from its own
 * DynamoDB Streams. Needs a Docker engine; where there is none the class is skipped, and
 * CallEventPublisherOnLocalServicesTest covers the scenarios.
 */
@Testcontainers(disabledWithoutDocker = true)
class CallEventPublisherOnLocalStackTest extends CallEventPublisherScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localStack();
    }
}
