package io.outcall.functions.events;

/** The publisher's scenarios on Amazon DynamoDB Local (its stream included) and ElasticMQ, both inside this JVM. */
class CallEventPublisherOnLocalServicesTest extends CallEventPublisherScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localServices();
    }
}
