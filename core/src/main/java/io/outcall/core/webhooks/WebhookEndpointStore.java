package io.outcall.core.webhooks;

import java.util.List;
import java.util.Optional;

/** Where a tenant's webhook endpoints are kept. */
public interface WebhookEndpointStore {

    /** Creates or replaces the endpoint. */
    void save(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(String tenantId, String endpointId);

    List<WebhookEndpoint> list(String tenantId);

    void delete(String tenantId, String endpointId);
}
