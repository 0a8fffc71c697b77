package io.outcall.functions.events;

/** The journey task-token scenario on Amazon DynamoDB Local (its stream included) and ElasticMQ, both inside this JVM. */
class JourneyTaskTokenOnLocalServicesTest extends JourneyTaskTokenScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localServices();
    }
}
