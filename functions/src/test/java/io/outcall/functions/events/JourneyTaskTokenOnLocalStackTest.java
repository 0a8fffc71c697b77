package io.outcall.functions.events;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The journey task-token scenario on LocalStack through Testcontainers, the stream read from its own
 * DynamoDB Streams. Needs a Docker engine; where there is none the class is skipped, and
 * JourneyTaskTokenOnLocalServicesTest covers the scenarios.
 */
@Testcontainers(disabledWithoutDocker = true)
class JourneyTaskTokenOnLocalStackTest extends JourneyTaskTokenScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localStack();
    }
}
