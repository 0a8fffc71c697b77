package io.outcall.functions.events;

/** The webhook API scenarios on Amazon DynamoDB Local and ElasticMQ, both inside this JVM. */
class WebhooksApiOnLocalServicesTest extends WebhooksApiScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localServices();
    }
}
