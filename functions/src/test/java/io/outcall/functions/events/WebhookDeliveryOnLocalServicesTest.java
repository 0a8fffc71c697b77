package io.outcall.functions.events;

/** Webhook delivery scenarios on Amazon DynamoDB Local (its stream included) and ElasticMQ, both inside this JVM. */
class WebhookDeliveryOnLocalServicesTest extends WebhookDeliveryScenarios {

    @Override
    EventBackends startBackends() {
        return EventBackends.localServices();
    }
}
