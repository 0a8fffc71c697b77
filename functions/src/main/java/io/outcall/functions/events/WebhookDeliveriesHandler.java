package io.outcall.functions.events;

import io.outcall.core.webhooks.DeliveryMessage;
import io.outcall.core.webhooks.DeliveryStore;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;
import io.outcall.functions.http.Scope;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /tenant/webhooks/{webhookId}/deliveries} pages a webhook's deliveries, newest call
 * first, each with its attempts ({@code limit} 1-100, {@code cursor}); {@code POST
 * .../deliveries/{deliveryId}/retry} sends an ended delivery again with a fresh 24 hours of
 * retries (202), even when a later status has been delivered since. Administrators only.
 */
public final class WebhookDeliveriesHandler extends HttpFunction {

    // A delivery id is the event id: a call id and a status.
    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9A-Za-z]{1,64}\\.[A-Z_]{1,16}");

    private final WebhookApiWiring wiring;

    public WebhookDeliveriesHandler() {
        this(WebhookApiWiring.fromEnvironment(System.getenv()));
        registerForSnapStart();
    }

    public WebhookDeliveriesHandler(WebhookApiWiring wiring) {
        super(wiring.api(), Scope.ADMIN);
        this.wiring = wiring;
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        String webhookId = request.pathParameters().get("webhookId");
        wiring.registry().find(tenantId, webhookId).orElseThrow(() -> WebhooksHandler.notFound(webhookId));
        String deliveryId = request.pathParameters().get("deliveryId");
        if (deliveryId != null) {
            return retry(webhookId, deliveryId);
        }
        int limit = limit(request.queryParameters().get("limit"));
        String cursor = request.queryParameters().get("cursor");
        if (cursor != null && !DELIVERY_ID.matcher(cursor).matches()) {
            throw invalid("cursor", "is not a cursor this API returned");
        }
        DeliveryStore.DeliveryPage page = wiring.deliveries().page(webhookId, limit, cursor);
        return ApiResponse.json(200, api.json().write(WebhookJson.deliveries(page.deliveries(), page.nextAfter())));
    }

    private ApiResponse retry(String webhookId, String deliveryId) {
        if (!DELIVERY_ID.matcher(deliveryId).matches()) {
            throw notFound(webhookId, deliveryId);
        }
        String chainId = UUID.randomUUID().toString();
        Optional<DeliveryStore.Resendable> reopened = wiring.deliveries().reopen(webhookId, deliveryId, chainId);
        if (reopened.isEmpty()) {
            if (wiring.deliveries().find(webhookId, deliveryId).isPresent()) {
                throw new HttpProblemException(Problem.of(409, "delivery-in-progress", "Conflict", "delivery "
                        + deliveryId + " is still being attempted; retry it once it has ended"));
            }
            throw notFound(webhookId, deliveryId);
        }
        DeliveryStore.Resendable resend = reopened.get();
        wiring.queue().send(List.of(DeliveryMessage.resendOf(resend.delivery(), resend.body(), resend.statusRank(),
                chainId, wiring.clock().instant())));
        return new ApiResponse(202, Map.of("location", "/tenant/webhooks/" + webhookId + "/deliveries"), "");
    }

    private static HttpProblemException notFound(String webhookId, String deliveryId) {
        return new HttpProblemException(Problem.of(404, "delivery-not-found", "Not Found",
                "webhook " + webhookId + " has no delivery " + deliveryId));
    }

    private static int limit(String text) {
        if (text == null) {
            return 25;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // Named below.
        }
        throw invalid("limit", "must be a whole number from 1 to 100");
    }

    private static HttpProblemException invalid(String parameter, String message) {
        return new HttpProblemException(Problem.of(400, "invalid-query", "Invalid query", parameter + " " + message)
                .withErrors(List.of(new io.outcall.core.validation.Violation(parameter, message))));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        // The reads every route makes, for a tenant and webhook that do not exist; nothing is written.
        wiring.registry().find("priming-tenant-that-does-not-exist", "wh_priming");
        wiring.deliveries().page("wh_priming", 1, null);
    }
}
