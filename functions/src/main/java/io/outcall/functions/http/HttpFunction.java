package io.outcall.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * What every HTTP API function shares: read the 2.0 event, answer, turn the failures the API
 * explains into problem responses, write the response; and take part in SnapStart's checkpoint.
 * A subclass says only how it answers and how it primes.
 */
public abstract class HttpFunction implements RequestStreamHandler, Resource {

    protected final ApiEvents api;
    private final Scope required;

    /** @param required the scope a token needs for this route; checked before anything else is read */
    protected HttpFunction(ApiEvents api, Scope required) {
        this.api = api;
        this.required = required;
    }

    /** Answers one event and logs it in one line (route, tenant, call, status, latency). */
    @Override
    public final void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
        ApiRequest request = api.read(event);
        ApiResponse response = api.requestLog().around(route(request), request.requestId(), logged -> {
            logged.tenant(request.claims().get(api.tenantClaim()));
            logged.call(request.pathParameters().get("callId"));
            ApiResponse answer = handle(request);
            logged.status(answer.statusCode());
            String location = answer.headers().get("location");
            if (location != null && location.startsWith("/calls/")) {
                logged.call(location.substring("/calls/".length()));
            }
            return answer;
        });
        api.write(response, out);
    }

    /**
     * The route as declared, e.g. "GET /calls/{callId}": the path with the segments that hold
     * parameters put back as their names (the first segment is always literal), so lines group by route.
     */
    static String route(ApiRequest request) {
        String[] segments = request.path().split("/", -1);
        for (int i = 2; i < segments.length; i++) {
            for (Map.Entry<String, String> parameter : request.pathParameters().entrySet()) {
                if (segments[i].equals(parameter.getValue())) {
                    segments[i] = "{" + parameter.getKey() + "}";
                }
            }
        }
        return request.method() + " " + String.join("/", segments);
    }

    /** The response to one request, a problem response when the request fails in a way the API explains. */
    public final ApiResponse handle(ApiRequest request) {
        return api.respond(request, r -> {
            api.authorize(r, required);
            return answer(r);
        });
    }

    protected abstract ApiResponse answer(ApiRequest request);

    /**
     * For the runtime's no-arg constructor only: from here on the runtime calls
     * {@link #beforeCheckpoint} before the SnapStart snapshot is taken.
     */
    protected final void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
