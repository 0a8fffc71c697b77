package io.outcall.functions.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.call.JourneyRef;
import io.outcall.core.intake.BatchCallIntake;
import io.outcall.core.intake.BatchItem;
import io.outcall.core.intake.BatchOutcome;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.IdempotencyKey;
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
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Direct invocation by the journey engine for many contacts at once:
 * {@code {tenantId, journeyId, executionId, steps:[{stepId, to, ...}, ...]}} (up to 1,000 steps) in,
 * one result per step out, in order ({@link BatchResultsView}, each with its {@code stepId}). Each
 * step asks for at most one call however often the engine retries, alone or in a batch: the key is
 * the same as {@link JourneyMakeCallHandler}'s. A bad step is refused in its result; a request that
 * is no batch at all (no tenant, too many steps) is thrown, as the single function does.
 */
public final class JourneyMakeCallsHandler implements RequestStreamHandler, Resource {

    static final String ROUTE = "journey MakeCalls";
    private static final Set<String> FIELDS = Set.of("tenantId", "journeyId", "executionId", "steps");
    private static final Set<String> STEP_FIELDS = JourneyMakeCallHandler.union(Set.of("stepId"), CallRequestJson.FIELDS);

    private final Json json;
    private final BatchCallIntake intake;
    private final RequestLog requestLog;

    public JourneyMakeCallsHandler() {
        this(IntakeWiring.fromEnvironment());
        Core.getGlobalContext().register(this);
    }

    public JourneyMakeCallsHandler(IntakeWiring wiring) {
        this.json = wiring.json();
        this.intake = wiring.batchIntake();
        this.requestLog = wiring.requestLog();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        requestLog.around(ROUTE, context == null ? null : context.getAwsRequestId(), logged -> {
            JsonNode root = json.read(input);
            JsonNode steps = root != null && root.isObject() ? root.get("steps") : null;
            // The steps are checked one by one below, so one bad step does not refuse the others.
            JsonFields fields = new JsonFields(root == null || !root.isObject() ? root
                    : ((ObjectNode) root.deepCopy()).without("steps"), InvalidCallRequestException::new);
            fields.onlyKnown(FIELDS);
            String tenantId = JourneyMakeCallHandler.reference(fields, "tenantId");
            logged.tenant(tenantId);
            String journeyId = JourneyMakeCallHandler.reference(fields, "journeyId");
            String executionId = JourneyMakeCallHandler.reference(fields, "executionId");
            if (!fields.violations().isEmpty()) {
                throw new InvalidCallRequestException(fields.violations());
            }
            Map<Integer, String> stepIdAt = new HashMap<>();
            List<BatchItem> items = BatchItemsJson.read(steps, "steps", STEP_FIELDS, (index, step) -> {
                String stepId = JourneyMakeCallHandler.reference(step, "stepId");
                stepIdAt.put(index, stepId);
                return BatchItem.of(CallRequestJson.read(step),
                        stepId == null ? null : IdempotencyKey.ofJourneyStep(tenantId, executionId, stepId),
                        new JourneyRef(journeyId, executionId, stepId));
            });
            List<String> stepIds = new ArrayList<>(items.size()); // null for an element that was no object
            for (int i = 0; i < items.size(); i++) {
                stepIds.add(stepIdAt.get(i));
            }
            List<BatchOutcome> outcomes = intake.accept(tenantId, items);
            json.write(new BatchResultsView(outcomes, stepIds), output);
            return outcomes;
        });
    }

    /** SnapStart priming: a batch of one for a tenant that does not exist, so nothing is written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        String input = """
                {"tenantId":"priming-tenant-that-does-not-exist","journeyId":"j","executionId":"e",
                 "steps":[{"stepId":"s","to":"+14045550100"}]}""";
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
