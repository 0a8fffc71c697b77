package io.outcall.functions.admin;

import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallList;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;

import java.util.Map;

/**
 * PUT, DELETE and GET of one number, and GET of the list, the same for a tenant's list and the
 * platform's: only the list and, for a tenant, the tenant differ.
 */
final class DncRoutes {

    private DncRoutes() {
    }

    /** @param tenantId the token's tenant; null for the platform list */
    static ApiResponse answer(ApiEvents api, DoNotCallList lists, DncList list, String tenantId, ApiRequest request) {
        String actor = AdminHttp.actor(request);
        String number = DncJson.pathNumber(request);
        if (number == null) {
            return AdminHttp.page(lists.page(list, tenantId, request.queryParameters().get("cursor"),
                    request.queryParameters().get("limit")), DncJson::entry);
        }
        return switch (request.method()) {
            case "PUT" -> {
                DoNotCallList.Added added = lists.add(actor, list, tenantId, number, DncJson.reason(api, request));
                yield ApiResponse.json(added.created() ? 201 : 200, DncJson.entry(added.entry()).toString());
            }
            case "DELETE" -> {
                lists.remove(actor, list, tenantId, number);
                yield new ApiResponse(204, Map.of(), "");
            }
            default -> ApiResponse.json(200, DncJson.entry(lists.find(list, tenantId, number)).toString());
        };
    }
}
