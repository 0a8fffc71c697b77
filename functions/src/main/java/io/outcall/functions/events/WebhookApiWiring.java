package io.outcall.functions.events;

import io.outcall.core.dynamo.DynamoDeliveryStore;
import io.outcall.core.webhooks.DeliveryStore;
import io.outcall.core.webhooks.EndpointAddressGuard;
import io.outcall.core.webhooks.WebhookQueue;
import io.outcall.core.webhooks.WebhookRegistry;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.RequestLog;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/** What the webhook routes share: the tenant's endpoints, their deliveries, and the queue to resend on. */
public record WebhookApiWiring(ApiEvents api, WebhookRegistry registry, DeliveryStore deliveries, WebhookQueue queue,
                               Clock clock) {

    static WebhookApiWiring fromEnvironment(Map<String, String> env) {
        EventsWiring events = EventsWiring.fromEnvironment(env);
        return new WebhookApiWiring(new ApiEvents(events.json(), events.config().tenantClaim(),
                events.config().scopeClaim(), RequestLog.standardOutput(events.json())),
                new WebhookRegistry(events.endpoints(), EndpointAddressGuard.system(WebhookSenderHandler.policy(env)),
                        new SecureRandom(), Clock.systemUTC()),
                new DynamoDeliveryStore(events.dynamoDb(), EventsWiring.required(env, "WEBHOOK_DELIVERIES_TABLE")),
                events.queue(), Clock.systemUTC());
    }
}
