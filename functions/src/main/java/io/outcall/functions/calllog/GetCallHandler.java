package io.outcall.functions.calllog;

import io.outcall.core.call.CallId;
import io.outcall.core.calllog.CallLookup;
import io.outcall.core.calllog.InvalidQueryException;
import io.outcall.core.calllog.QueryParameters;
import io.outcall.core.dynamo.DynamoDeliveryStore;
import io.outcall.core.webhooks.Delivery;
import io.outcall.core.webhooks.DeliveryStore;
import io.outcall.core.validation.Violation;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.Scope;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;
import org.crac.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /calls/{callId}: one call with its event timeline and its webhook deliveries; another
 * tenant's call is not found.
 */
public final class GetCallHandler extends HttpFunction {

    private final CallLookup lookup;
    private final DeliveryStore deliveries;

    public GetCallHandler() {
        this(ReadWiring.fromEnvironment(), System.getenv("WEBHOOK_DELIVERIES_TABLE"));
        registerForSnapStart();
    }

    private GetCallHandler(ReadWiring wiring, String deliveriesTable) {
        this(wiring, deliveriesTable == null || deliveriesTable.isBlank() ? null
                : new DynamoDeliveryStore(wiring.dynamoDb(), deliveriesTable));
    }

    public GetCallHandler(ReadWiring wiring) {
        this(wiring, (DeliveryStore) null);
    }

    /** @param deliveries where the call's webhook deliveries are read; null leaves them out of the answer */
    public GetCallHandler(ReadWiring wiring, DeliveryStore deliveries) {
        super(wiring.apiEvents(), Scope.CALLS);
        this.lookup = wiring.lookup();
        this.deliveries = deliveries;
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        String callId = callId(request);
        boolean withEvents = withEvents(request.queryParameters());
        CallLookup.CallDetail detail = lookup.detail(tenantId, callId, withEvents)
                .orElseThrow(() -> notFound(callId));
        List<Delivery> sent = deliveries == null ? null : deliveries.forCall(callId).stream()
                .filter(d -> tenantId.equals(d.tenantId())).toList();
        return ApiResponse.json(200, api.json().write(CallJson.detail(detail, withEvents, sent)));
    }

    static String callId(ApiRequest request) {
        String callId = request.pathParameters().get("callId");
        if (!CallId.isWellFormed(callId)) {
            throw new InvalidQueryException("callId", "'" + callId + "' is not a call id (26 characters, as"
                    + " returned by POST /calls)");
        }
        return callId;
    }

    /** The same answer for a missing call and another tenant's: nothing to learn by probing. */
    static HttpProblemException notFound(String callId) {
        return new HttpProblemException(Problem.of(404, "call-not-found", "Not Found",
                "you have no call " + callId).withCallId(callId));
    }

    private static boolean withEvents(Map<String, String> parameters) {
        List<Violation> unknown = new ArrayList<>();
        QueryParameters.rejectUnknown(parameters, Set.of("events"), unknown);
        if (!unknown.isEmpty()) {
            throw new InvalidQueryException(unknown);
        }
        String events = parameters.getOrDefault("events", "true");
        return switch (events) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidQueryException("events", "must be true or false, was '" + events + "'");
        };
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // One lookup of a call that does not exist warms the DynamoDB client and the call's read; it
        // finds nothing, so the timeline query is left to the first real request.
        lookup.detail("priming-tenant-that-does-not-exist", "01JAAAAAAAAAAAAAAAAAAAAAAA", true);
    }
}
