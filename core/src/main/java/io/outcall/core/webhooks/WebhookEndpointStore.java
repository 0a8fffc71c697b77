package io.outcall.core.webhooks;

import io.outcall.core.tenant.AuditEntry;

import java.util.List;
import java.util.Optional;

/** Where a tenant's webhook endpoints are kept. */
public interface WebhookEndpointStore {

    /** Creates or replaces the endpoint: the platform's own bookkeeping (failing since), which is not audited. */
    void save(WebhookEndpoint endpoint);

    /** Creates or replaces the endpoint and writes the tenant's audit entry with it, all or nothing. */
    void save(WebhookEndpoint endpoint, AuditEntry audit);

    /** Deletes the endpoint and writes the tenant's audit entry with it, all or nothing. */
    void delete(String tenantId, String endpointId, AuditEntry audit);

    Optional<WebhookEndpoint> find(String tenantId, String endpointId);

    List<WebhookEndpoint> list(String tenantId);

    void delete(String tenantId, String endpointId);
}
