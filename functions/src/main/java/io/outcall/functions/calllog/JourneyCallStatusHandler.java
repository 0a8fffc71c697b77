package io.outcall.functions.calllog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.calllog.CallLookup;
import io.outcall.core.calllog.CallNotFoundException;
import io.outcall.core.calllog.InvalidQueryException;
import io.outcall.core.validation.JsonFields;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.outcall.core.json.Json;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.http.RequestLog;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

/**
 * Direct invocation by the journey engine: {@code {tenantId, callId}} in, the call's current
 * status and outcome out, with {@code final} saying whether it can still change, so a step can
 * wait or branch. Failures are thrown by type ({@code InvalidQueryException},
 * {@code CallNotFoundException}) for the workflow to catch.
 */
public final class JourneyCallStatusHandler implements RequestStreamHandler, Resource {

    /** The route its request log lines carry: a journey step, not an HTTP route. */
    static final String ROUTE = "journey CallStatus";
    private static final Set<String> FIELDS = Set.of("tenantId", "callId");

    private final Json json;
    private final CallLookup lookup;
    private final RequestLog requestLog;

    public JourneyCallStatusHandler() {
        this(ReadWiring.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    public JourneyCallStatusHandler(ReadWiring wiring) {
        this.json = wiring.json();
        this.lookup = wiring.lookup();
        this.requestLog = wiring.requestLog();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        requestLog.around(ROUTE, context == null ? null : context.getAwsRequestId(), logged -> {
            JsonFields fields = fields(input);
            fields.onlyKnown(FIELDS);
            String tenantId = fields.string("tenantId");
            String callId = fields.string("callId");
            logged.tenant(tenantId);
            if (tenantId == null || tenantId.isBlank()) {
                fields.reject("tenantId", "is required");
            }
            if (!CallId.isWellFormed(callId)) {
                fields.reject("callId", "must be a call id as returned when the call was made");
            }
            if (!fields.violations().isEmpty()) {
                throw new InvalidQueryException(fields.violations());
            }
            logged.call(callId);
            Call call = lookup.find(tenantId, callId).orElseThrow(() -> new CallNotFoundException(tenantId, callId));
            json.write(out -> {
                out.writeStartObject();
                CallJson.summaryFields(out, call);
                out.writeBooleanField("final", call.status().isFinal());
                out.writeEndObject();
            }, output);
            return call;
        });
    }

    /** The input as fields; anything that is not a JSON object is an InvalidQueryException like the rest. */
    private JsonFields fields(InputStream input) throws IOException {
        try {
            return new JsonFields(json.read(input), InvalidQueryException::new);
        } catch (JsonProcessingException malformed) {
            throw new InvalidQueryException("input", "is not JSON: " + malformed.getOriginalMessage());
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        lookup.find("priming-tenant-that-does-not-exist", "01JAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
