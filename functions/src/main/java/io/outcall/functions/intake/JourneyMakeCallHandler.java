package io.outcall.functions.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.intake.Accepted;
import io.outcall.core.intake.CallIntake;
import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.IdempotencyKey;
import io.outcall.core.intake.IntakeRequest;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.json.Json;
import io.outcall.core.validation.JsonFields;
import io.outcall.functions.IntakeWiring;
import io.outcall.functions.http.RequestLog;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Direct invocation by the journey engine: {@code {tenantId, journeyId, executionId, stepId, to, ...}}
 * in, {@code {callId, status}} out. One execution step asks for at most one call, however often the
 * engine retries it. With {@code taskToken} (a {@code .waitForTaskToken} step), the call's item is
 * sent to Step Functions when the call ends, so the step waits without polling. Failures are thrown, so a workflow can catch them by type
 * (e.g. {@code InvalidCallRequestException}, {@code IntakeUnavailableException}).
 */
public final class JourneyMakeCallHandler implements RequestStreamHandler, Resource {

    /** The route its request log lines carry: a journey step, not an HTTP route. */
    static final String ROUTE = "journey MakeCall";
    private static final Set<String> JOURNEY_FIELDS = Set.of("tenantId", "journeyId", "executionId", "stepId",
            "taskToken");
    private static final Set<String> FIELDS = union(JOURNEY_FIELDS, CallRequestJson.FIELDS);
    // Step Functions execution ids are ARNs: colons and slashes included.
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.:/@+=-]{1,512}");
    // Step Functions task tokens are opaque printable text of at most 1,024 characters.
    private static final Pattern TASK_TOKEN = Pattern.compile("[\\x21-\\x7E]{1,1024}");

    private final Json json;
    private final CallIntake intake;
    private final RequestLog requestLog;

    public JourneyMakeCallHandler() {
        this(IntakeWiring.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    public JourneyMakeCallHandler(IntakeWiring wiring) {
        this.json = wiring.json();
        this.intake = wiring.intake();
        this.requestLog = wiring.requestLog();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        requestLog.around(ROUTE, context == null ? null : context.getAwsRequestId(), logged -> {
            JsonFields fields = new JsonFields(json.read(input), InvalidCallRequestException::new);
            fields.onlyKnown(FIELDS);
            String tenantId = reference(fields, "tenantId");
            logged.tenant(tenantId);
            JourneyRef journey = new JourneyRef(reference(fields, "journeyId"), reference(fields, "executionId"),
                    reference(fields, "stepId"), taskToken(fields));
            CallRequest call = CallRequestJson.read(fields);
            if (!fields.violations().isEmpty()) {
                throw new InvalidCallRequestException(fields.violations());
            }
            IdempotencyKey key = IdempotencyKey.ofJourneyStep(tenantId, journey.executionId(), journey.stepId());
            Accepted accepted = intake.accept(new IntakeRequest(tenantId, call, key, journey));
            logged.call(accepted.call().callId());
            json.write(out -> {
                out.writeStartObject();
                out.writeStringField("callId", accepted.call().callId());
                out.writeStringField("status", accepted.call().status().name());
                out.writeEndObject();
            }, output);
            return accepted;
        });
    }

    /** A journey, execution or step id: required, and plain enough for a key and a log line. */
    static String reference(JsonFields fields, String name) {
        String value = fields.string(name);
        if (value == null) {
            fields.reject(name, "is required");
        } else if (!REFERENCE.matcher(value).matches()) {
            fields.reject(name, "must be 1 to 512 characters of letters, digits and _ . : / @ + = -");
        }
        return value;
    }

    /** Optional: a {@code .waitForTaskToken} step's token, resumed with the call's item when it ends. */
    private static String taskToken(JsonFields fields) {
        String value = fields.string("taskToken");
        if (value != null && !TASK_TOKEN.matcher(value).matches()) {
            fields.reject("taskToken", "must be 1 to 1024 printable characters without spaces, as Step Functions"
                    + " hands it to the task ($$.Task.Token)");
        }
        return value;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** SnapStart priming: a read of a tenant that does not exist exercises JSON, validation and DynamoDB. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        String input = """
                {"tenantId":"priming-tenant-that-does-not-exist","journeyId":"j","executionId":"e","stepId":"s",
                 "to":"+14045550100"}""";
        try {
            handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        } catch (RuntimeException expected) {
            // The priming tenant is unknown by design; the paths are warm all the same.
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
