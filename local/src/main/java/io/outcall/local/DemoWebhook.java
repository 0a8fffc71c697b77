package io.outcall.local;

import io.outcall.core.events.WebhookSecret;
import io.outcall.core.webhooks.SigningKey;
import io.outcall.core.webhooks.WebhookEndpoint;
import io.outcall.core.webhooks.WebhookEndpointStore;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The demo tenant's webhook endpoint: every event type, to {@code ./run-local webhook-echo} on its
 * default port, signed with the echo's local secret. While the echo is not running, deliveries are
 * retried like any endpoint's.
 */
final class DemoWebhook {

    static final String ENDPOINT_ID = "ep-demo-echo";

    private DemoWebhook() {
    }

    static WebhookEndpoint seed(WebhookEndpointStore endpoints, WebhookSecret secret, Instant now) {
        WebhookEndpoint endpoint = new WebhookEndpoint(DemoTenant.ID, ENDPOINT_ID,
                URI.create("http://127.0.0.1:" + WebhookEcho.DEFAULT_PORT + WebhookEcho.PATH), Set.of("*"), true,
                List.of(new SigningKey(secret, now, null)), now, null, null);
        endpoints.save(endpoint);
        return endpoint;
    }
}
